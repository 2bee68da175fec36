// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;
using Sdk = OpenAI.Chat;
using SdkEmbeddings = OpenAI.Embeddings;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>The official OpenAI .NET SDK (2.15.0) as an oracle: for the same request, the JSON body AiOps sends is semantically
/// equal, field for field, to the SDK's. Both clients talk to the same simulator; the bodies are compared as recorded.</summary>
#pragma warning disable OPENAI001 // Type is for evaluation purposes only: Seed and reasoning effort are marked experimental in the SDK.
public sealed class OpenAISdkOracleTests : IClassFixture<SimulatorFixture>
{
    private const string WeatherSchemaText = """{"type":"object","properties":{"city":{"type":"string","description":"City name"},"unit":{"type":"string","enum":["c","f"]}},"required":["city"]}""";
    private const string TimeSchemaText = """{"type":"object","properties":{"zone":{"type":"string"}},"required":["zone"],"additionalProperties":false}""";
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse(WeatherSchemaText).RootElement;
    private static readonly JsonElement TimeSchema = JsonDocument.Parse(TimeSchemaText).RootElement;
    private readonly OpenAITestSupport _support;

    public OpenAISdkOracleTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    private static string NewModel(string name) => $"oracle-{name}-{Guid.NewGuid():N}"[..32];

    private Sdk.ChatClient SdkChat(string model) =>
        new(model, new ApiKeyCredential(OpenAITestSupport.ApiKey), new OpenAIClientOptions { Endpoint = _support.OpenAIBase });

    /// <summary>Sends the request both ways and asserts the two recorded bodies are equal.</summary>
    private async Task AssertSameBodyAsync(string model, IEnumerable<ChatMessage> ours, ChatOptions options, IEnumerable<Sdk.ChatMessage> theirs, Sdk.ChatCompletionOptions sdkOptions, bool stream = false)
    {
        options.ModelId = model;
        if (stream)
        {
            _ = await OpenAITestSupport.CollectAsync(_support.Chat().GetStreamingResponseAsync(ours, options));
            await foreach (Sdk.StreamingChatCompletionUpdate _ in SdkChat(model).CompleteChatStreamingAsync(theirs, sdkOptions))
            {
            }
        }
        else
        {
            _ = await _support.Chat().GetResponseAsync(ours, options);
            _ = await SdkChat(model).CompleteChatAsync(theirs, sdkOptions);
        }

        AssertBodiesEqual(model);
    }

    private void AssertBodiesEqual(string model)
    {
        List<RecordedRequest> requests = _support.Fixture.Host.State.Requests.Where(r => r.Body.Contains(model, StringComparison.Ordinal)).ToList();
        RecordedRequest mine = Assert.Single(requests, r => r.Headers["User-Agent"].StartsWith("AiOps/", StringComparison.Ordinal));
        RecordedRequest sdk = Assert.Single(requests, r => r.Headers["User-Agent"].StartsWith("OpenAI/2.15.0", StringComparison.Ordinal));
        Assert.Equal(sdk.Path, mine.Path);
        Assert.Equal(sdk.Headers["Authorization"], mine.Headers["Authorization"]);
        JsonAssert.Equal(sdk.Body, mine.Body);
    }

    [Fact]
    public async Task Tools_with_auto_choice_and_parallel_calls_off()
    {
        string model = NewModel("tools");
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather", WeatherSchema), AIFunctionFactory.CreateDeclaration("get_time", "Gets the time", TimeSchema)],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = false,
        };
        var sdkOptions = new Sdk.ChatCompletionOptions
        {
            Tools =
            {
                Sdk.ChatTool.CreateFunctionTool("get_weather", "Gets the weather", BinaryData.FromString(WeatherSchemaText)),
                Sdk.ChatTool.CreateFunctionTool("get_time", "Gets the time", BinaryData.FromString(TimeSchemaText)),
            },
            ToolChoice = Sdk.ChatToolChoice.CreateAutoChoice(),
            AllowParallelToolCalls = false,
        };

        await AssertSameBodyAsync(model, [new ChatMessage(ChatRole.User, "Weather in Paris?")], options, [new Sdk.UserChatMessage("Weather in Paris?")], sdkOptions);
    }

    [Fact]
    public async Task A_specific_required_tool_with_strict_schemas()
    {
        string model = NewModel("toolchoice");
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_time", "Gets the time", TimeSchema)],
            ToolMode = ChatToolMode.RequireSpecific("get_time"),
            AdditionalProperties = new() { ["strictJsonSchema"] = true },
        };
        var sdkOptions = new Sdk.ChatCompletionOptions
        {
            Tools = { Sdk.ChatTool.CreateFunctionTool("get_time", "Gets the time", BinaryData.FromString(TimeSchemaText), functionSchemaIsStrict: true) },
            ToolChoice = Sdk.ChatToolChoice.CreateFunctionChoice("get_time"),
        };

        await AssertSameBodyAsync(model, [new ChatMessage(ChatRole.User, "Time in Tokyo?")], options, [new Sdk.UserChatMessage("Time in Tokyo?")], sdkOptions);
    }

    [Fact]
    public async Task Images_by_url_with_detail_and_by_bytes()
    {
        string model = NewModel("images");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        var ours = new ChatMessage(ChatRole.User,
        [
            new TextContent("Compare these."),
            new UriContent(new Uri("https://example.com/a.jpg"), "image/jpeg") { AdditionalProperties = new() { ["detail"] = "high" } },
            new DataContent(png, "image/png"),
        ]);
        var theirs = new Sdk.UserChatMessage(
            Sdk.ChatMessageContentPart.CreateTextPart("Compare these."),
            Sdk.ChatMessageContentPart.CreateImagePart(new Uri("https://example.com/a.jpg"), Sdk.ChatImageDetailLevel.High),
            Sdk.ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(png), "image/png"));

        await AssertSameBodyAsync(model, [ours], new ChatOptions(), [theirs], new Sdk.ChatCompletionOptions());
    }

    [Fact]
    public async Task A_strict_json_schema_response_format()
    {
        string model = NewModel("schema");
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(TimeSchema, "time_answer", "The time in a zone"),
            AdditionalProperties = new() { ["strictJsonSchema"] = true },
        };
        var sdkOptions = new Sdk.ChatCompletionOptions
        {
            ResponseFormat = Sdk.ChatResponseFormat.CreateJsonSchemaFormat("time_answer", BinaryData.FromString(TimeSchemaText), "The time in a zone", jsonSchemaIsStrict: true),
        };

        await AssertSameBodyAsync(model, [new ChatMessage(ChatRole.User, "Time?")], options, [new Sdk.UserChatMessage("Time?")], sdkOptions);
    }

    [Fact]
    public async Task Json_object_mode()
    {
        string model = NewModel("jsonobject");

        await AssertSameBodyAsync(model, [new ChatMessage(ChatRole.User, "JSON please")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json },
            [new Sdk.UserChatMessage("JSON please")], new Sdk.ChatCompletionOptions { ResponseFormat = Sdk.ChatResponseFormat.CreateJsonObjectFormat() });
    }

    [Fact]
    public async Task A_multi_turn_conversation_with_parallel_tool_calls_and_results()
    {
        string model = NewModel("multiturn");
        List<ChatMessage> ours =
        [
            new(ChatRole.System, "You are a weather bot."),
            new(ChatRole.User, "Weather in Paris and Rome?"),
            new(ChatRole.Assistant,
            [
                new FunctionCallContent("call_a1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
                new FunctionCallContent("call_b2", "get_weather", new Dictionary<string, object?> { ["city"] = "Rome", ["unit"] = "c" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_a1", "18C and sunny"), new FunctionResultContent("call_b2", "24C, clear")]),
            new(ChatRole.Assistant, "Paris is 18C and sunny; Rome is 24C."),
            new(ChatRole.User, "Thanks! And tomorrow?"),
        ];
        List<Sdk.ChatMessage> theirs =
        [
            new Sdk.SystemChatMessage("You are a weather bot."),
            new Sdk.UserChatMessage("Weather in Paris and Rome?"),
            new Sdk.AssistantChatMessage(
            [
                Sdk.ChatToolCall.CreateFunctionToolCall("call_a1", "get_weather", BinaryData.FromString("""{"city":"Paris"}""")),
                Sdk.ChatToolCall.CreateFunctionToolCall("call_b2", "get_weather", BinaryData.FromString("""{"city":"Rome","unit":"c"}""")),
            ]),
            new Sdk.ToolChatMessage("call_a1", "18C and sunny"),
            new Sdk.ToolChatMessage("call_b2", "24C, clear"),
            new Sdk.AssistantChatMessage("Paris is 18C and sunny; Rome is 24C."),
            new Sdk.UserChatMessage("Thanks! And tomorrow?"),
        ];
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather", WeatherSchema)] };
        var sdkOptions = new Sdk.ChatCompletionOptions { Tools = { Sdk.ChatTool.CreateFunctionTool("get_weather", "Gets the weather", BinaryData.FromString(WeatherSchemaText)) } };

        await AssertSameBodyAsync(model, ours, options, theirs, sdkOptions);
    }

    [Fact]
    public async Task Stop_sequences_and_every_sampling_option()
    {
        string model = NewModel("stop");
        var options = new ChatOptions
        {
            StopSequences = ["END", "###"],
            Temperature = 0.3f,
            TopP = 0.9f,
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.25f,
            MaxOutputTokens = 128,
            Seed = 7,
            AdditionalProperties = new() { ["user"] = "user-42" },
        };
        var sdkOptions = new Sdk.ChatCompletionOptions
        {
            StopSequences = { "END", "###" },
            Temperature = 0.3f,
            TopP = 0.9f,
            FrequencyPenalty = 0.5f,
            PresencePenalty = -0.25f,
            MaxOutputTokenCount = 128,
            Seed = 7,
            EndUserId = "user-42",
        };

        await AssertSameBodyAsync(model, [new ChatMessage(ChatRole.User, "Count to ten.")], options, [new Sdk.UserChatMessage("Count to ten.")], sdkOptions);
    }

    [Fact]
    public async Task Developer_messages_and_reasoning_effort_for_an_o_series_model()
    {
        string model = "o3-" + NewModel("dev");

        await AssertSameBodyAsync(model,
            [new ChatMessage(ChatRole.System, "Answer briefly."), new ChatMessage(ChatRole.User, "Why is the sky blue?")],
            new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low }, MaxOutputTokens = 2000 },
            [new Sdk.DeveloperChatMessage("Answer briefly."), new Sdk.UserChatMessage("Why is the sky blue?")],
            new Sdk.ChatCompletionOptions { ReasoningEffortLevel = Sdk.ChatReasoningEffortLevel.Low, MaxOutputTokenCount = 2000 });
    }

    [Fact]
    public async Task A_streamed_request()
    {
        string model = NewModel("stream");

        await AssertSameBodyAsync(model, [new ChatMessage(ChatRole.User, "Stream this.")], new ChatOptions(), [new Sdk.UserChatMessage("Stream this.")], new Sdk.ChatCompletionOptions(), stream: true);
    }

    [Fact]
    public async Task Embeddings_with_dimensions()
    {
        string model = NewModel("embed");
        string[] inputs = ["Hello, world!", "This is a test.", "Goodbye!"];

        GeneratedEmbeddings<Embedding<float>> ours = await _support.Embeddings().GenerateAsync(inputs, new EmbeddingGenerationOptions { ModelId = model, Dimensions = 456 });
        var sdk = new SdkEmbeddings.EmbeddingClient(model, new ApiKeyCredential(OpenAITestSupport.ApiKey), new OpenAIClientOptions { Endpoint = _support.OpenAIBase });
        SdkEmbeddings.OpenAIEmbeddingCollection theirs = (await sdk.GenerateEmbeddingsAsync(inputs, new SdkEmbeddings.EmbeddingGenerationOptions { Dimensions = 456 })).Value;

        AssertBodiesEqual(model);
        // Both decode the same base64 answer to the same floats.
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(theirs[i].ToFloats().ToArray(), ours[i].Vector.ToArray());
            Assert.Equal(DeterministicEmbedding.Create(inputs[i], 456), ours[i].Vector.ToArray());
        }
    }
}
#pragma warning restore OPENAI001
