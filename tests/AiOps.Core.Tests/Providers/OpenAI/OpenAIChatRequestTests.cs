// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>The exact bodies and headers the OpenAI provider sends (wire-formats §1.1–1.5), read back from the simulator.</summary>
public sealed class OpenAIChatRequestTests : IClassFixture<SimulatorFixture>
{
    private readonly OpenAITestSupport _support;

    public OpenAIChatRequestTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    [Fact]
    public async Task A_plain_prompt_sends_model_messages_and_the_bearer_key_as_json()
    {
        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("Hello from the AiOps simulator.", response.Text);
        RecordedRequest request = _support.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + OpenAITestSupport.ApiKey, request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.StartsWith("AiOps/", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("OpenAI-Organization"));
        JsonAssert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""", request.Body);
    }

    [Fact]
    public async Task Organization_and_project_are_sent_as_headers()
    {
        AiProviderSettings settings = _support.Settings();
        settings.Organization = "org-123";
        settings.Project = "proj_456";

        _ = await _support.Chat(settings: settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        RecordedRequest request = _support.Single();
        Assert.Equal("org-123", request.Headers["OpenAI-Organization"]);
        Assert.Equal("proj_456", request.Headers["OpenAI-Project"]);
    }

    [Fact]
    public async Task Every_sampling_option_maps_to_its_wire_field()
    {
        var options = new ChatOptions
        {
            ModelId = "gpt-4.1",
            Temperature = 0.25f,
            TopP = 0.5f,
            FrequencyPenalty = 0.75f,
            PresencePenalty = -0.5f,
            MaxOutputTokens = 300,
            StopSequences = ["END", "STOP"],
            Seed = 42,
            TopK = 5,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
            AdditionalProperties = new() { ["user"] = "user-7", ["store"] = false, ["metadata"] = new Dictionary<string, object?> { ["team"] = "ops" } },
        };

        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options);

        JsonAssert.Equal(
            """
            {"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"temperature":0.25,"top_p":0.5,"frequency_penalty":0.75,
             "presence_penalty":-0.5,"max_completion_tokens":300,"stop":["END","STOP"],"seed":42,"reasoning_effort":"low",
             "user":"user-7","store":false,"metadata":{"team":"ops"}}
            """,
            _support.Single().Body);
    }

    [Fact]
    public async Task System_messages_and_instructions_go_out_as_system_for_gpt_4o()
    {
        var options = new ChatOptions { ModelId = "gpt-4o", Instructions = "Answer in French." };

        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options);

        JsonAssert.Equal(
            """{"model":"gpt-4o","messages":[{"role":"system","content":"Answer in French."},{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}""",
            _support.Single().Body);
    }

    [Theory]
    [InlineData("o1")]
    [InlineData("o3-mini")]
    [InlineData("o4-mini-2025-04-16")]
    [InlineData("gpt-5")]
    [InlineData("gpt-5-mini")]
    public async Task System_prompts_become_developer_messages_for_o_series_and_gpt_5(string model)
    {
        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = model });

        JsonAssert.Equal(
            $$"""{"model":"{{model}}","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"}]}""",
            _support.Single().Body);
    }

    [Theory]
    [InlineData("gpt-4o", "developer", "developer")]
    [InlineData("o3", "system", "system")]
    [InlineData("o3", "Developer", "developer")]
    public async Task The_system_role_property_forces_the_role(string model, string setting, string expected)
    {
        var options = new ChatOptions { ModelId = model, AdditionalProperties = new() { ["system_role"] = setting } };

        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options);

        // system_role is consumed, never sent.
        JsonAssert.Equal(
            $$"""{"model":"{{model}}","messages":[{"role":"{{expected}}","content":"Be brief."},{"role":"user","content":"Hi"}]}""",
            _support.Single().Body);
    }

    [Fact]
    public async Task A_message_with_the_developer_role_stays_developer()
    {
        _ = await _support.Chat().GetResponseAsync([new ChatMessage(new ChatRole("developer"), "Rules."), new ChatMessage(ChatRole.User, "Hi")]);

        JsonAssert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"developer","content":"Rules."},{"role":"user","content":"Hi"}]}""", _support.Single().Body);
    }

    [Fact]
    public async Task A_multi_turn_conversation_with_tool_calls_and_results_is_sent_in_order()
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, "Can you guess my mood given that I'm currently located in Osaka?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_of5sMdoBhqEZbvnNjZ3DSi1U", "get_weather_for_city", new Dictionary<string, object?> { ["city_name"] = "Osaka" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_of5sMdoBhqEZbvnNjZ3DSi1U", "rainy")]),
            new(ChatRole.Assistant, "It is rainy."),
            new(ChatRole.User, "And now?") { AuthorName = "kenji" },
        };

        _ = await _support.Chat().GetResponseAsync(history);

        // Wire-formats §1.3: the assistant turn with tool_calls has no content; the result is a separate tool message.
        JsonAssert.Equal(
            """
            {"model":"gpt-4o-mini","messages":[
              {"role":"user","content":"Can you guess my mood given that I'm currently located in Osaka?"},
              {"role":"assistant","tool_calls":[{"id":"call_of5sMdoBhqEZbvnNjZ3DSi1U","type":"function","function":{"name":"get_weather_for_city","arguments":"{\"city_name\":\"Osaka\"}"}}]},
              {"role":"tool","tool_call_id":"call_of5sMdoBhqEZbvnNjZ3DSi1U","content":"rainy"},
              {"role":"assistant","content":"It is rainy."},
              {"role":"user","name":"kenji","content":"And now?"}]}
            """,
            _support.Single().Body);
    }

    [Fact]
    public async Task Parallel_tool_results_become_one_tool_message_each_and_non_string_results_are_json()
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, "Weather in two cities?"),
            new(ChatRole.Assistant,
            [
                new TextContent("Checking."),
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
                new FunctionCallContent("call_2", "get_weather", new Dictionary<string, object?> { ["city"] = "Rome", ["days"] = 2 }),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", new Dictionary<string, object?> { ["temp"] = 21, ["sky"] = "clear" }), new FunctionResultContent("call_2", null)]),
        };

        _ = await _support.Chat().GetResponseAsync(history);

        JsonAssert.Equal(
            """
            {"model":"gpt-4o-mini","messages":[
              {"role":"user","content":"Weather in two cities?"},
              {"role":"assistant","content":"Checking.","tool_calls":[
                {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\",\"days\":2}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"{\"temp\":21,\"sky\":\"clear\"}"},
              {"role":"tool","tool_call_id":"call_2","content":""}]}
            """,
            _support.Single().Body);
    }

    [Fact]
    public async Task Images_by_url_and_by_bytes_are_sent_as_image_url_parts()
    {
        var image = new UriContent(new Uri("https://example.com/cat.png"), "image/png") { AdditionalProperties = new() { ["detail"] = "high" } };
        var bytes = new DataContent(new byte[] { 1, 2, 3 }, "image/jpeg");
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is in these?"), image, bytes]);

        _ = await _support.Chat().GetResponseAsync([message]);

        JsonAssert.Equal(
            """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":[
              {"type":"text","text":"What is in these?"},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"high"}},
              {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,AQID"}}]}]}
            """,
            _support.Single().Body);
    }

    [Fact]
    public async Task Audio_and_pdf_bytes_are_sent_as_input_audio_and_file_parts()
    {
        var message = new ChatMessage(ChatRole.User,
        [
            new DataContent(new byte[] { 4, 5, 6 }, "audio/wav"),
            new DataContent(new byte[] { 7, 8, 9 }, "application/pdf") { Name = "report.pdf" },
        ]);

        _ = await _support.Chat().GetResponseAsync([message]);

        JsonAssert.Equal(
            """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":[
              {"type":"input_audio","input_audio":{"data":"BAUG","format":"wav"}},
              {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,BwgJ"}}]}]}
            """,
            _support.Single().Body);
    }

    [Fact]
    public async Task Tools_with_auto_choice_and_parallel_calls_off_are_sent_as_functions()
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Gets the weather", WeatherSchema), AIFunctionFactory.CreateDeclaration("now", null, default)],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = false,
        };

        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Weather?")], options);

        JsonAssert.Equal(
            """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Gets the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                      {"type":"function","function":{"name":"now","parameters":{"type":"object","properties":{}}}}],
             "tool_choice":"auto","parallel_tool_calls":false}
            """,
            _support.Single().Body);
    }

    public static TheoryData<string, string> ToolModes => new()
    {
        { "none", "\"none\"" },
        { "required", "\"required\"" },
        { "specific", """{"type":"function","function":{"name":"get_weather"}}""" },
    };

    [Theory]
    [MemberData(nameof(ToolModes))]
    public async Task Each_tool_mode_maps_to_its_tool_choice(string mode, string expected)
    {
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, WeatherSchema)],
            ToolMode = mode switch { "none" => ChatToolMode.None, "required" => ChatToolMode.RequireAny, _ => ChatToolMode.RequireSpecific("get_weather") },
        };

        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Weather?")], options);

        using JsonDocument body = JsonDocument.Parse(_support.Single().Body);
        JsonAssert.Equal(expected, body.RootElement.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public async Task Tool_mode_without_tools_sends_no_tool_choice()
    {
        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = true });

        JsonAssert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""", _support.Single().Body);
    }

    [Fact]
    public async Task A_json_schema_response_format_is_sent_with_name_description_and_strict()
    {
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"red":{"type":"string"}},"required":["red"],"additionalProperties":false}""").RootElement;
        var options = new ChatOptions
        {
            ModelId = "sim-json",
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "some_color_schema", "colour components"),
            AdditionalProperties = new() { ["strictJsonSchema"] = true },
        };

        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hex for red?")], options);

        JsonAssert.Equal(
            """
            {"model":"sim-json","messages":[{"role":"user","content":"Hex for red?"}],
             "response_format":{"type":"json_schema","json_schema":{"name":"some_color_schema","description":"colour components",
               "schema":{"type":"object","properties":{"red":{"type":"string"}},"required":["red"],"additionalProperties":false},"strict":true}}}
            """,
            _support.Single().Body);
        using JsonDocument reply = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.String, reply.RootElement.GetProperty("red").ValueKind);
    }

    [Fact]
    public async Task Json_without_a_schema_is_json_object_and_text_is_text()
    {
        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "A")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "B")], new ChatOptions { ResponseFormat = ChatResponseFormat.Text });

        IReadOnlyList<RecordedRequest> requests = _support.Requests();
        JsonAssert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"A"}],"response_format":{"type":"json_object"}}""", requests[0].Body);
        JsonAssert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"B"}],"response_format":{"type":"text"}}""", requests[1].Body);
    }

    [Fact]
    public async Task Pass_through_fields_and_extra_body_are_merged_and_win_over_computed_fields()
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = 100,
            Temperature = 0.5f,
            AdditionalProperties = new()
            {
                ["max_tokens"] = 64,
                ["service_tier"] = "flex",
                ["not_a_field"] = "ignored",
                ["extra_body"] = new Dictionary<string, object?> { ["temperature"] = 0.9, ["custom"] = new Dictionary<string, object?> { ["x"] = 1 } },
            },
        };

        _ = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options);

        // max_tokens replaces max_completion_tokens; extra_body's temperature replaces ChatOptions.Temperature; unknown keys stay local.
        JsonAssert.Equal(
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"max_tokens":64,"service_tier":"flex","temperature":0.9,"custom":{"x":1}}""",
            _support.Single().Body);
    }

    [Fact]
    public async Task A_stream_request_asks_for_usage_and_an_event_stream()
    {
        _ = await OpenAITestSupport.CollectAsync(_support.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        RecordedRequest request = _support.Single();
        Assert.Equal("text/event-stream", request.Headers["Accept"]);
        JsonAssert.Equal(
            """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}""",
            request.Body);
    }

    [Fact]
    public async Task The_configured_default_model_is_used_when_the_call_names_none()
    {
        AiProviderSettings settings = _support.Settings();
        settings.DefaultModel = "gpt-4.1-nano";

        _ = await _support.Chat(settings: settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        JsonAssert.Equal("""{"model":"gpt-4.1-nano","messages":[{"role":"user","content":"Hi"}]}""", _support.Single().Body);
    }
}
