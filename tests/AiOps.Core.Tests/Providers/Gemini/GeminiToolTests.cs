// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>Function calling with Gemini: declarations, calls, results, ids, thought signatures, tool modes and the MEAI tool loop.</summary>
public sealed class GeminiToolTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly AIFunction Weather = AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Gets the weather");
    private static readonly AIFunction Time = AIFunctionFactory.Create((string zone) => new { hour = 12, zone }, "get_time", "Gets the time");
    private static readonly AIFunction Broken = AIFunctionFactory.Create(string (string city) => throw new InvalidOperationException("backend down"), "get_broken", "Always fails");

    private const string WeatherDeclaration =
        "{'name':'get_weather','description':'Gets the weather','parametersJsonSchema':{'type':'object','properties':{'city':{'type':'string'}},'required':['city']}}";

    [Fact]
    public async Task A_function_call_comes_back_with_parsed_arguments_a_synthetic_id_its_signature_and_ToolCalls()
    {
        string key = NewKey();
        ChatResponse response = await Chat(sim, key, s => s.Headers["x-sim-scenario"] = "tools")
            .GetResponseAsync([new ChatMessage(ChatRole.User, "weather?")], new ChatOptions { Tools = [Weather] });

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'weather?'}]}],'tools':[{'functionDeclarations':[" + WeatherDeclaration + "]}],'generationConfig':{'candidateCount':1}}"),
            Single(sim, key).Body);

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents));
        Assert.Equal("get_weather", call.Name);
        Assert.Equal($"aiops-{response.ResponseId}-0", call.CallId);
        Assert.Equal("sample", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal("c2ltLXNpZ25hdHVyZQ==", call.AdditionalProperties![GeminiResponseMapper.ThoughtSignatureKey]);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("STOP", response.AdditionalProperties![AiResponseProperties.RawFinishReason]);
        Assert.Equal("Model generated function call(s).", response.AdditionalProperties[GeminiResponseMapper.FinishMessageKey]);
    }

    [Fact]
    public async Task The_tool_loop_sends_the_call_back_with_its_signature_and_the_result_as_an_object_under_the_function_name()
    {
        string key = NewKey();
        using IChatClient chat = new ChatClientBuilder(Chat(sim, key, s => s.Headers["x-sim-scenario"] = "tools")).UseFunctionInvocation().Build();

        ChatResponse response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "weather?")], new ChatOptions { Tools = [Weather] });

        Assert.Equal("Tool said: Sunny in sample", response.Text);
        IReadOnlyList<RecordedRequest> requests = Requests(sim, key);
        Assert.Equal(2, requests.Count);
        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'weather?'}]}," +
              "{'role':'model','parts':[{'functionCall':{'name':'get_weather','args':{'city':'sample'}},'thoughtSignature':'c2ltLXNpZ25hdHVyZQ=='}]}," +
              "{'role':'user','parts':[{'functionResponse':{'name':'get_weather','response':{'output':'Sunny in sample'}}}]}]," +
              "'tools':[{'functionDeclarations':[" + WeatherDeclaration + "]}],'generationConfig':{'candidateCount':1}}"),
            requests[1].Body);
    }

    [Fact]
    public async Task Parallel_calls_get_distinct_ids_object_results_stay_objects_and_a_failing_tool_sends_an_error()
    {
        string key = NewKey();
        using IChatClient chat = new ChatClientBuilder(Chat(sim, key, s => s.Headers["x-sim-scenario"] = "tools-parallel")).UseFunctionInvocation().Build();

        ChatResponse response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "all")], new ChatOptions { Tools = [Weather, Time, Broken] });

        FunctionCallContent[] calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToArray();
        Assert.Equal(["get_weather", "get_time", "get_broken"], calls.Select(c => c.Name));
        Assert.Equal(3, calls.Select(c => c.CallId).Distinct().Count());
        Assert.All(calls, c => Assert.StartsWith("aiops-", c.CallId, StringComparison.Ordinal));
        Assert.NotNull(calls[0].AdditionalProperties);
        Assert.Null(calls[1].AdditionalProperties);

        string second = Requests(sim, key)[1].Body;
        Assert.Contains(J("{'functionResponse':{'name':'get_weather','response':{'output':'Sunny in sample'}}}"), second, StringComparison.Ordinal);
        Assert.Contains(J("{'functionResponse':{'name':'get_time','response':{'hour':12,'zone':'sample'}}}"), second, StringComparison.Ordinal);
        Assert.Contains(J("{'functionResponse':{'name':'get_broken','response':{'error':"), second, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\"", second, StringComparison.Ordinal);
        Assert.StartsWith("Tool said: Sunny in sample | {\"hour\":12,\"zone\":\"sample\"} | ", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gemini_3_model_accepts_the_loop_because_the_signature_is_echoed()
    {
        string key = NewKey();
        using IChatClient chat = new ChatClientBuilder(Chat(sim, key, s => s.Headers["x-sim-scenario"] = "tools")).UseFunctionInvocation().Build();

        ChatResponse response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "w")], new ChatOptions { ModelId = "gemini-3-pro-preview", Tools = [Weather] });

        Assert.Equal("Tool said: Sunny in sample", response.Text);
    }

    [Fact]
    public async Task A_gemini_3_model_rejects_a_replayed_call_without_signature_and_the_400_names_provider_and_message()
    {
        string key = NewKey();
        ChatMessage[] history =
        [
            new(ChatRole.User, "w"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_from_openai", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_from_openai", "rain")]),
        ];

        var ex = await Assert.ThrowsAsync<AiException>(() => Chat(sim, key, s => s.Headers["x-sim-scenario"] = "tools")
            .GetResponseAsync(history, new ChatOptions { ModelId = "gemini-3-pro-preview", Tools = [Weather] }));

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("google", ex.Provider);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", ex.ErrorCode);
        Assert.StartsWith("Function call is missing a thought_signature", ex.ProviderMessage, StringComparison.Ordinal);

        // Ids that did not come from AiOps are sent back on both sides.
        Assert.Contains(J("{'functionCall':{'id':'call_from_openai','name':'get_weather','args':{'city':'Oslo'}}}"), Single(sim, key).Body, StringComparison.Ordinal);
        Assert.Contains(J("{'functionResponse':{'id':'call_from_openai','name':'get_weather','response':{'output':'rain'}}}"), Single(sim, key).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signatures_survive_a_history_saved_as_json_and_loaded_again()
    {
        string key = NewKey();
        IChatClient chat = Chat(sim, key, s => s.Headers["x-sim-scenario"] = "tools");
        ChatResponse first = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "w")], new ChatOptions { Tools = [Weather] });
        var call = (FunctionCallContent)first.Messages[0].Contents[0];

        List<ChatMessage> history = [new(ChatRole.User, "w"), .. first.Messages, new(ChatRole.Tool, [new FunctionResultContent(call.CallId, "rain")])];
        string saved = JsonSerializer.Serialize(history, AIJsonUtilities.DefaultOptions);
        List<ChatMessage> loaded = JsonSerializer.Deserialize<List<ChatMessage>>(saved, AIJsonUtilities.DefaultOptions)!;

        await chat.GetResponseAsync(loaded, new ChatOptions { ModelId = "gemini-3-pro-preview", Tools = [Weather] });

        Assert.Contains(J("{'functionCall':{'name':'get_weather','args':{'city':'sample'}},'thoughtSignature':'c2ltLXNpZ25hdHVyZQ=='}"), Requests(sim, key)[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", "{'functionCallingConfig':{'mode':'AUTO'}}")]
    [InlineData("none", "{'functionCallingConfig':{'mode':'NONE'}}")]
    [InlineData("any", "{'functionCallingConfig':{'mode':'ANY'}}")]
    [InlineData("get_weather", "{'functionCallingConfig':{'mode':'ANY','allowedFunctionNames':['get_weather']}}")]
    public async Task Tool_modes_map_to_functionCallingConfig(string mode, string expected)
    {
        string key = NewKey();
        ChatToolMode toolMode = mode switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "any" => ChatToolMode.RequireAny,
            _ => ChatToolMode.RequireSpecific(mode),
        };

        await Chat(sim, key).GetResponseAsync([new ChatMessage(ChatRole.User, "w")], new ChatOptions { Tools = [Weather], ToolMode = toolMode });

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'w'}]}],'tools':[{'functionDeclarations':[" + WeatherDeclaration + "]}],'toolConfig':" + expected + ",'generationConfig':{'candidateCount':1}}"),
            Single(sim, key).Body);
    }

    [Fact]
    public async Task A_function_without_parameters_is_declared_without_a_schema_and_a_null_result_is_sent_as_output_null()
    {
        string key = NewKey();
        AIFunction ping = AIFunctionFactory.Create(() => { }, "ping", "Pings");
        ChatMessage[] history =
        [
            new(ChatRole.User, "p"),
            new(ChatRole.Assistant, [new FunctionCallContent("aiops-x-0", "ping")]),
            new(ChatRole.Tool, [new FunctionResultContent("aiops-x-0", null)]),
        ];

        await Chat(sim, key).GetResponseAsync(history, new ChatOptions { Tools = [ping] });

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'p'}]},{'role':'model','parts':[{'functionCall':{'name':'ping','args':{}}}]},{'role':'user','parts':[{'functionResponse':{'name':'ping','response':{'output':null}}}]}]," +
              "'tools':[{'functionDeclarations':[{'name':'ping','description':'Pings'}]}],'generationConfig':{'candidateCount':1}}"),
            Single(sim, key).Body);
    }
}
