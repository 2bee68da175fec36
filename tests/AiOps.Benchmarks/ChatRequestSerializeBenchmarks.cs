// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.IO;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace AiOps.Benchmarks;

/// <summary>Serializes a 20-message chat request with 5 tools to its JSON body: AiOps' writer over Microsoft.Extensions.AI types
/// against the official SDK's <c>ModelReaderWriter.Write</c> over its own types. Setup checks both bodies are semantically equal.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ChatRequestSerializeBenchmarks
{
    private static readonly string[] Cities = ["Paris", "Rome", "Oslo", "Lima", "Cairo"];

    private readonly List<ChatMessage> _messages = [];
    private readonly List<Sdk.ChatMessage> _sdkMessages = [];
    private ChatOptions _options = null!;
    private Sdk.ChatCompletionOptions _sdkOptions = null!;
    private OpenAIWireProfile _profile = null!;
    private Func<Sdk.ChatCompletionOptions, BinaryContent> _sdkToContent = null!;

    [GlobalSetup]
    public void Setup()
    {
        (string Name, string Description, string Schema)[] tools =
        [
            ("get_weather", "Gets the current weather for a city.", """{"type":"object","properties":{"city":{"type":"string","description":"The city, e.g. Paris"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}"""),
            ("get_time", "Gets the local time in an IANA time zone.", """{"type":"object","properties":{"zone":{"type":"string","description":"IANA zone, e.g. Europe/Paris"}},"required":["zone"]}"""),
            ("search_flights", "Searches flights between two airports on a date.", """{"type":"object","properties":{"from":{"type":"string"},"to":{"type":"string"},"date":{"type":"string","format":"date"},"passengers":{"type":"integer","minimum":1}},"required":["from","to","date"]}"""),
            ("book_hotel", "Books a hotel room.", """{"type":"object","properties":{"city":{"type":"string"},"nights":{"type":"integer"},"guests":{"type":"integer"},"budget":{"type":"number"}},"required":["city","nights"]}"""),
            ("convert_currency", "Converts an amount between currencies.", """{"type":"object","properties":{"amount":{"type":"number"},"from":{"type":"string","minLength":3,"maxLength":3},"to":{"type":"string","minLength":3,"maxLength":3}},"required":["amount","from","to"]}"""),
        ];

        _options = new ChatOptions { ModelId = "gpt-4o-mini", Temperature = 0.2f, MaxOutputTokens = 800, ToolMode = ChatToolMode.Auto, Tools = [] };
        _sdkOptions = new Sdk.ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 800, ToolChoice = Sdk.ChatToolChoice.CreateAutoChoice() };
        foreach ((string name, string description, string schema) in tools)
        {
            _options.Tools.Add(AIFunctionFactory.CreateDeclaration(name, description, JsonDocument.Parse(schema).RootElement));
            _sdkOptions.Tools.Add(Sdk.ChatTool.CreateFunctionTool(name, description, BinaryData.FromString(schema)));
        }

        const string System = "You are a travel assistant. Answer briefly, prefer metric units, and call tools whenever live data is needed. Never invent prices.";
        _messages.Add(new ChatMessage(ChatRole.System, System));
        _sdkMessages.Add(new Sdk.SystemChatMessage(System));
        for (int turn = 0; turn < 5; turn++)
        {
            // user → assistant tool call → tool result → assistant answer: 4 messages a turn, the last turn without the answer (1 + 19).
            string city = Cities[turn];
            string question = $"I am planning a trip to {city} next month with two friends. What is the weather like there right now, and is it a good time to visit?";
            string callId = $"call_{turn:D2}abcdefghijklmnopqrstuv";
            string arguments = $$"""{"city":"{{city}}","unit":"c"}""";
            string result = $$"""{"city":"{{city}}","temperature_c":{{18 + turn}},"conditions":"partly cloudy","humidity":0.{{40 + turn}}}""";
            string answer = $"It is {18 + turn} °C and partly cloudy in {city}. Next month is usually mild, so it is a good time to visit; pack a light jacket.";

            _messages.Add(new ChatMessage(ChatRole.User, question));
            _messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, "get_weather", new Dictionary<string, object?> { ["city"] = city, ["unit"] = "c" })]));
            _messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, result)]));
            _sdkMessages.Add(new Sdk.UserChatMessage(question));
            _sdkMessages.Add(new Sdk.AssistantChatMessage([Sdk.ChatToolCall.CreateFunctionToolCall(callId, "get_weather", BinaryData.FromString(arguments))]));
            _sdkMessages.Add(new Sdk.ToolChatMessage(callId, result));
            if (turn < 4)
            {
                _messages.Add(new ChatMessage(ChatRole.Assistant, answer));
                _sdkMessages.Add(new Sdk.AssistantChatMessage(answer));
            }
        }

        if (_messages.Count != 20 || _sdkMessages.Count != 20)
        {
            throw new InvalidOperationException($"Expected 20 messages, built {_messages.Count}.");
        }

        // The SDK sets the model and messages on its options inside CompleteChat, then sends options.ToBinaryContent(); do the same,
        // through its own (internal) methods, so the benchmark measures exactly what a CompleteChat call serializes.
        MethodInfo prepare = typeof(Sdk.ChatClient).GetMethod("CreateChatCompletionOptions", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("The SDK no longer has CreateChatCompletionOptions.");
        var client = new Sdk.ChatClient("gpt-4o-mini", new System.ClientModel.ApiKeyCredential("sk"));
        _sdkOptions = (Sdk.ChatCompletionOptions)prepare.Invoke(client, [_sdkMessages, _sdkOptions, false])!;
        MethodInfo toContent = typeof(Sdk.ChatCompletionOptions).GetMethod("ToBinaryContent", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("The SDK no longer has ToBinaryContent.");
        _sdkToContent = toContent.CreateDelegate<Func<Sdk.ChatCompletionOptions, BinaryContent>>();
        _profile = OpenAIWireProfile.ForOpenAI(new ProviderInfo("openai", "OpenAI", "OPENAI_API_KEY"), new Uri("https://api.openai.com/v1"));

        JsonNode? ours;
        using (OpenAIRequestBody body = OpenAIChatRequestWriter.Write(_messages, _options, "gpt-4o-mini", _profile, stream: false))
        {
            ours = JsonNode.Parse(body.Span);
        }

        using var sdkBody = new MemoryStream();
        using (BinaryContent content = _sdkToContent(_sdkOptions))
        {
            content.WriteTo(sdkBody);
        }

        JsonNode? sdk = JsonNode.Parse(sdkBody.ToArray());
        if (!JsonNode.DeepEquals(ours, sdk))
        {
            throw new InvalidOperationException("The two bodies differ:\n" + ours!.ToJsonString() + "\n" + sdk!.ToJsonString());
        }
    }

    /// <summary>What CompleteChat sends: the options' binary content, written to the request stream.</summary>
    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15.0")]
    public long OpenAISdk()
    {
        using BinaryContent content = _sdkToContent(_sdkOptions);
        content.WriteTo(Stream.Null);
        return content.TryComputeLength(out long length) ? length : 0;
    }

    /// <summary>What AiOps sends: the body serialized into a pooled buffer, written to the request stream.</summary>
    [Benchmark(Description = "AiOps")]
    public long AiOps()
    {
        using OpenAIRequestBody body = OpenAIChatRequestWriter.Write(_messages, _options, "gpt-4o-mini", _profile, stream: false);
        body.WriteTo(Stream.Null);
        return body.Length;
    }
}
