// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>What the provider sends: the exact body and headers the simulator recorded for each feature.</summary>
public sealed class AnthropicRequestTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement;

    [Fact]
    public async Task MinimalChat_SendsModelDefaultMaxTokensAndTheUserTurn_WithAnthropicHeaders()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);

        await client.GetResponseAsync("Hello, Claude");

        RecordedRequest request = AnthropicTestClients.Single(sim, key);
        Assert.Equal(("POST", "/v1/messages"), (request.Method, request.Path));
        JsonTreeAssert.Same("""{"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[{"role":"user","content":"Hello, Claude"}]}""", request.Body);
        Assert.Equal(AnthropicTestClients.ApiKey, request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.False(request.Headers.ContainsKey("anthropic-beta"));
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task SystemMessagesAndInstructions_AreLiftedToTopLevelSystem_JoinedInOrder()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are terse."),
            new(ChatRole.User, "Hello, Claude"),
            new(ChatRole.Assistant, "Hi."),
            new(ChatRole.System, "Answer in French."),
            new(ChatRole.User, "How are you?"),
        ];

        await client.GetResponseAsync(messages, new ChatOptions { Instructions = "Be kind.", ModelId = "claude-opus-4-1" });

        JsonTreeAssert.Same(
            """
            {"model":"claude-opus-4-1","max_tokens":16384,"system":"Be kind.\n\nYou are terse.\n\nAnswer in French.",
             "messages":[{"role":"user","content":"Hello, Claude"},{"role":"assistant","content":"Hi."},{"role":"user","content":"How are you?"}]}
            """,
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Fact]
    public async Task ConsecutiveTurnsOfTheSameRole_AreMergedIntoOneTurnOfBlocks()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "First."),
            new(ChatRole.User, "Second."),
            new(ChatRole.Assistant, "A."),
            new(ChatRole.Assistant, "B."),
            new(ChatRole.User, "Third."),
        ];

        await client.GetResponseAsync(messages);

        JsonTreeAssert.Same(
            """
            {"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[
              {"role":"user","content":[{"type":"text","text":"First."},{"type":"text","text":"Second."}]},
              {"role":"assistant","content":[{"type":"text","text":"A."},{"type":"text","text":"B."}]},
              {"role":"user","content":"Third."}]}
            """,
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Fact]
    public async Task SamplingOptionsAndStopSequences_MapToAnthropicFields()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions
        {
            ModelId = "claude-3-5-haiku-20241022",
            MaxOutputTokens = 300,
            Temperature = 0.2f,
            TopP = 0.9f,
            TopK = 40,
            StopSequences = ["\n\nHuman:", "END"],
        };

        await client.GetResponseAsync("Hello", options);

        JsonTreeAssert.Same(
            """
            {"model":"claude-3-5-haiku-20241022","max_tokens":300,"messages":[{"role":"user","content":"Hello"}],
             "temperature":0.2,"top_p":0.9,"top_k":40,"stop_sequences":["\n\nHuman:","END"]}
            """,
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Theory]
    [InlineData("claude-3-haiku-20240307", 4096)]
    [InlineData("claude-3-opus-20240229", 4096)]
    [InlineData("claude-3-5-sonnet-20241022", 8192)]
    [InlineData("claude-3-7-sonnet-20250219", 16384)]
    [InlineData("claude-sonnet-4-5", 16384)]
    [InlineData("claude-opus-4-1-20250805", 16384)]
    [InlineData("some-future-model", 16384)]
    public void MaxTokens_DefaultsPerModelFamily_WhenTheCallerGivesNone(string model, int expected)
    {
        AnthropicPreparedRequest prepared = Prepare([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = model });

        Assert.Equal(expected, prepared.Request.MaxTokens);
    }

    [Fact]
    public async Task ToolsAndToolRoundTrip_SendInputSchemaToolUseAndToolResultBlocks()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        AIFunctionDeclaration weather = AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather.", WeatherSchema);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Weather in Paris and Oslo?"),
            new(ChatRole.Assistant, [
                new TextContent("I'll check."),
                new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["location"] = "Paris" }),
                new FunctionCallContent("toolu_2", "get_weather", new Dictionary<string, object?> { ["location"] = "Oslo" }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "15 degrees")]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_2", "Error: Function failed.") { Exception = new InvalidOperationException("sensor offline") }]),
        ];

        await client.GetResponseAsync(messages, new ChatOptions { Tools = [weather] });

        JsonTreeAssert.Same(
            """
            {"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[
              {"role":"user","content":"Weather in Paris and Oslo?"},
              {"role":"assistant","content":[{"type":"text","text":"I'll check."},
                {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}},
                {"type":"tool_use","id":"toolu_2","name":"get_weather","input":{"location":"Oslo"}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":"15 degrees"},
                {"type":"tool_result","tool_use_id":"toolu_2","content":"Error: Function failed.","is_error":true}]}],
             "tools":[{"name":"get_weather","description":"Gets the weather.","input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}]}
            """,
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Fact]
    public void ToolResults_OpenAMergedUserTurn_AndRichResultsBecomeBlocks()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Look"),
            new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "snapshot", null), new FunctionCallContent("toolu_2", "count", null)]),
            new(ChatRole.User, "Also, thanks."),
            new(ChatRole.Tool, [
                new FunctionResultContent("toolu_1", new AIContent[] { new TextContent("A cat."), new DataContent(new byte[] { 1, 2, 3 }, "image/png") }),
                new FunctionResultContent("toolu_2", JsonDocument.Parse("""{"n":3}""").RootElement),
            ]),
        ];

        AnthropicPreparedRequest prepared = Prepare(messages, null);

        JsonTreeAssert.Same(
            """
            {"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[
              {"role":"user","content":"Look"},
              {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"snapshot","input":{}},{"type":"tool_use","id":"toolu_2","name":"count","input":{}}]},
              {"role":"user","content":[
                {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"A cat."},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}}]},
                {"type":"tool_result","tool_use_id":"toolu_2","content":"{\"n\":3}"},
                {"type":"text","text":"Also, thanks."}]}]}
            """,
            System.Text.Encoding.UTF8.GetString(prepared.Body));
    }

    [Theory]
    [InlineData("auto", null, """{"type":"auto"}""")]
    [InlineData("auto", false, """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData(null, false, """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData(null, true, null)]
    [InlineData("any", null, """{"type":"any"}""")]
    [InlineData("any", false, """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("get_weather", null, """{"type":"tool","name":"get_weather"}""")]
    [InlineData("get_weather", false, """{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""")]
    [InlineData("none", false, """{"type":"none"}""")]
    public async Task ToolModeAndParallelSwitch_MapToToolChoice(string? mode, bool? allowMultiple, string? expected)
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather.", WeatherSchema)],
            ToolMode = mode switch
            {
                "auto" => ChatToolMode.Auto,
                "any" => ChatToolMode.RequireAny,
                "none" => ChatToolMode.None,
                null => null,
                _ => ChatToolMode.RequireSpecific(mode),
            },
            AllowMultipleToolCalls = allowMultiple,
        };

        await client.GetResponseAsync("Weather?", options);

        using JsonDocument body = JsonDocument.Parse(AnthropicTestClients.Single(sim, key).Body);
        if (expected is null)
        {
            Assert.False(body.RootElement.TryGetProperty("tool_choice", out _));
        }
        else
        {
            JsonTreeAssert.Same(expected, body.RootElement.GetProperty("tool_choice").GetRawText());
        }
    }

    [Fact]
    public async Task Images_GoAsBase64OrUrlSources_AndPdfAndTextAsDocuments()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var message = new ChatMessage(ChatRole.User, [
            new TextContent("Describe these."),
            new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png"),
            new UriContent(new Uri("https://example.com/cat.jpg"), "image/jpeg"),
            new DataContent(new byte[] { 0x25, 0x50, 0x44, 0x46 }, "application/pdf"),
            new UriContent(new Uri("https://example.com/paper.pdf"), "application/pdf"),
            new DataContent("hello notes"u8.ToArray(), "text/plain"),
        ]);

        await client.GetResponseAsync([message]);

        JsonTreeAssert.Same(
            """
            {"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[{"role":"user","content":[
              {"type":"text","text":"Describe these."},
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw=="}},
              {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
              {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERg=="}},
              {"type":"document","source":{"type":"url","url":"https://example.com/paper.pdf"}},
              {"type":"document","source":{"type":"text","media_type":"text/plain","data":"hello notes"}}]}]}
            """,
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Fact]
    public async Task ThinkingBudget_SendsThinkingAndAddsTheBudgetToTheDefaultMaxTokens()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions { AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 2048 } };

        await client.GetResponseAsync("Think.", options);

        JsonTreeAssert.Same(
            """{"model":"claude-sonnet-4-5","max_tokens":18432,"messages":[{"role":"user","content":"Think."}],"thinking":{"type":"enabled","budget_tokens":2048}}""",
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Theory]
    [InlineData(ReasoningEffort.Low, 1024)]
    [InlineData(ReasoningEffort.Medium, 4096)]
    [InlineData(ReasoningEffort.High, 16384)]
    [InlineData(ReasoningEffort.ExtraHigh, 32768)]
    public void ReasoningEffort_ChoosesADocumentedThinkingBudget(ReasoningEffort effort, int budget)
    {
        AnthropicPreparedRequest prepared = Prepare([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 40000, Reasoning = new ReasoningOptions { Effort = effort } });

        Assert.Equal(budget, prepared.Request.Thinking!.BudgetTokens);
        Assert.Equal(40000, prepared.Request.MaxTokens);
    }

    [Fact]
    public void ReasoningEffortNone_SendsNoThinking()
    {
        AnthropicPreparedRequest prepared = Prepare([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } });

        Assert.Null(prepared.Request.Thinking);
    }

    [Fact]
    public void ThinkingFromHistory_IsSentBackWithItsSignature_RedactedAsRedacted_UnsignedLeftOut()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Q1"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("Let me think.") { ProtectedData = "sig-1" },
                new TextReasoningContent(string.Empty) { ProtectedData = "enc-data", AdditionalProperties = new() { [AnthropicOptions.RedactedThinking] = true } },
                new TextReasoningContent("A summary from another provider."),
                new TextContent("A1"),
            ]),
            new(ChatRole.User, "Q2"),
        ];

        AnthropicPreparedRequest prepared = Prepare(messages, null);

        JsonTreeAssert.Same(
            """
            {"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[
              {"role":"user","content":"Q1"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"Let me think.","signature":"sig-1"},{"type":"redacted_thinking","data":"enc-data"},{"type":"text","text":"A1"}]},
              {"role":"user","content":"Q2"}]}
            """,
            System.Text.Encoding.UTF8.GetString(prepared.Body));
    }

    [Fact]
    public async Task PromptCaching_MarksSystemLastToolAndChosenMessagesAndBlocks()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var chosen = new ChatMessage(ChatRole.User, [new TextContent("Long document …"), new TextContent("Question?")])
        {
            AdditionalProperties = new() { [AnthropicOptions.CacheControl] = "ephemeral" },
        };
        var block = new TextContent("Pinned block") { AdditionalProperties = new() { [AnthropicOptions.CacheControl] = "5m" } };
        var options = new ChatOptions
        {
            Tools =
            [
                AIFunctionFactory.CreateDeclaration("a", "A.", WeatherSchema),
                AIFunctionFactory.CreateDeclaration("b", "B.", WeatherSchema),
            ],
            AdditionalProperties = new() { [AnthropicOptions.CacheControl] = "1h" },
        };

        await client.GetResponseAsync([new(ChatRole.System, "Stable system prompt."), chosen, new(ChatRole.Assistant, "OK."), new(ChatRole.User, [block, new TextContent("Go.")])], options);

        JsonTreeAssert.Same(
            """
            {"model":"claude-sonnet-4-5","max_tokens":16384,
             "system":[{"type":"text","text":"Stable system prompt.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[
              {"role":"user","content":[{"type":"text","text":"Long document …"},{"type":"text","text":"Question?","cache_control":{"type":"ephemeral"}}]},
              {"role":"assistant","content":"OK."},
              {"role":"user","content":[{"type":"text","text":"Pinned block","cache_control":{"type":"ephemeral","ttl":"5m"}},{"type":"text","text":"Go."}]}],
             "tools":[
              {"name":"a","description":"A.","input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}},
              {"name":"b","description":"B.","input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]},"cache_control":{"type":"ephemeral","ttl":"1h"}}]}
            """,
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Fact]
    public async Task BetaHeader_CombinesConfiguredAndPerRequestNames_AndApiVersionCanBeOverridden()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim, s =>
        {
            s.Headers["anthropic-beta"] = "prompt-caching-2024-07-31";
            s.ApiVersion = "2023-01-01";
        });
        var options = new ChatOptions { AdditionalProperties = new() { [AnthropicOptions.Beta] = new[] { "files-api-2025-04-14", "prompt-caching-2024-07-31" } } };

        await client.GetResponseAsync("Hi", options);
        await client.GetResponseAsync("Hi again");

        IReadOnlyList<RecordedRequest> requests = AnthropicTestClients.Requests(sim, key);
        Assert.Equal("prompt-caching-2024-07-31,files-api-2025-04-14", requests[0].Headers["anthropic-beta"]);
        Assert.Equal("prompt-caching-2024-07-31", requests[1].Headers["anthropic-beta"]);
        Assert.All(requests, r => Assert.Equal("2023-01-01", r.Headers["anthropic-version"]));
    }

    [Fact]
    public async Task StructuredOutput_SendsOutputConfigFormatWithTheSchema()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}""").RootElement;

        ChatResponse response = await client.GetResponseAsync("Capital of France?", new ChatOptions { ModelId = "sim-json", ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "capital") });

        JsonTreeAssert.Same(
            """
            {"model":"sim-json","max_tokens":16384,"messages":[{"role":"user","content":"Capital of France?"}],
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}}}}
            """,
            AnthropicTestClients.Single(sim, key).Body);
        Assert.Equal("""{"city":"sample"}""", response.Text);
    }

    [Fact]
    public async Task MetadataAndServiceTier_TravelThroughAdditionalProperties()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                [AnthropicOptions.MetadataUserId] = "user-7f3a",
                [AnthropicOptions.ServiceTier] = JsonDocument.Parse("\"standard_only\"").RootElement,
                ["unrelated_key"] = 42,
            },
        };

        await client.GetResponseAsync("Hi", options);

        JsonTreeAssert.Same(
            """{"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[{"role":"user","content":"Hi"}],"metadata":{"user_id":"user-7f3a"},"service_tier":"standard_only"}""",
            AnthropicTestClients.Single(sim, key).Body);
    }

    [Fact]
    public async Task BaseUrlWithATrailingV1_IsNotDoubled()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim, s => s.BaseUrl = new Uri(sim.BaseAddress, "/v1/"));

        await client.GetResponseAsync("Hi");

        Assert.Equal("/v1/messages", AnthropicTestClients.Single(sim, key).Path);
    }

    [Fact]
    public async Task StreamingRequest_AddsStreamTrueAndAcceptsEventStream()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);

        await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync("Hi"))
        {
        }

        RecordedRequest request = AnthropicTestClients.Single(sim, key);
        JsonTreeAssert.Same("""{"model":"claude-sonnet-4-5","max_tokens":16384,"messages":[{"role":"user","content":"Hi"}],"stream":true}""", request.Body);
        Assert.Equal("text/event-stream", request.Headers["Accept"]);
    }

    private static AnthropicPreparedRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var client = (AnthropicChatClient)AnthropicTestClients.ForHandler(new ReplayHttpHandler("{}"));
        return client.Prepare(messages, options, stream: false);
    }
}
