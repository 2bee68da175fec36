// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace AiOps.Gateway.Tests;

/// <summary><c>POST /api/v1/chat/completions</c> over real HTTP with the official OpenAI .NET SDK as the client, against a scripted provider.</summary>
public sealed class ChatCompletionsTests : IAsyncLifetime
{
    private readonly ScriptedProvider _test = new("test");
    private readonly ScriptedProvider _backup = new("backup");
    private GatewayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayTestServer.StartScriptedAsync(_test, _backup);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_chat_completion_answers_in_OpenAI_shape_with_routing_headers()
    {
        ClientResult<ChatCompletion> result = await _server.Chat("test/echo").CompleteChatAsync([new UserChatMessage("hello there")]);

        ChatCompletion completion = result.Value;
        Assert.Equal("echo: hello there", completion.Content.Single().Text);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("echo", completion.Model);
        Assert.Equal("resp-scripted", completion.Id);
        Assert.Equal(3, completion.Usage.InputTokenCount);
        Assert.Equal(2, completion.Usage.OutputTokenCount);
        Assert.Equal(5, completion.Usage.TotalTokenCount);
        Assert.Equal(1, completion.Usage.InputTokenDetails.CachedTokenCount);

        var raw = result.GetRawResponse();
        Assert.Equal("test", raw.Headers.TryGetValue("x-aiops-provider", out string? p) ? p : null);
        Assert.Equal("echo", raw.Headers.TryGetValue("x-aiops-model", out string? m) ? m : null);
        Assert.Equal("upstream-req-1", raw.Headers.TryGetValue("x-aiops-upstream-request-id", out string? u) ? u : null);
        Assert.True(raw.Headers.TryGetValue("x-aiops-overhead-ms", out string? overhead) && double.Parse(overhead!, System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.True(raw.Headers.TryGetValue("x-request-id", out string? id) && id!.StartsWith("aiops-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_request_is_translated_field_by_field()
    {
        var options = new ChatCompletionOptions
        {
            Temperature = 0.25f,
            TopP = 0.5f,
            MaxOutputTokenCount = 77,
            PresencePenalty = 0.1f,
            FrequencyPenalty = 0.2f,
            Seed = 42,
            ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString("""{"type":"object","properties":{"a":{"type":"string"}}}""")),
            Tools = { ChatTool.CreateFunctionTool("weather", "Gets the weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}}}""")) },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("weather"),
            AllowParallelToolCalls = false,
        };
        options.StopSequences.Add("END");
        OpenAI.Chat.ChatMessage[] messages =
        [
            new SystemChatMessage("be brief"),
            new UserChatMessage("what is the weather?"),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_9", "weather", BinaryData.FromString("""{"city":"Oslo"}"""))]),
            new ToolChatMessage("call_9", "sunny"),
            new UserChatMessage("thanks"),
        ];

        await _server.Chat("test/echo").CompleteChatAsync(messages, options);

        ScriptedCall call = Assert.Single(_test.Calls);
        Assert.Equal("echo", call.Model);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.User], call.Messages.Select(m => m.Role));
        Assert.Equal("be brief", call.Messages[0].Text);
        FunctionCallContent toolCall = Assert.IsType<FunctionCallContent>(Assert.Single(call.Messages[2].Contents));
        Assert.Equal(("call_9", "weather", "Oslo"), (toolCall.CallId, toolCall.Name, ((JsonElement)toolCall.Arguments!["city"]!).GetString()));
        FunctionResultContent toolResult = Assert.IsType<FunctionResultContent>(Assert.Single(call.Messages[3].Contents));
        Assert.Equal(("call_9", "sunny"), (toolResult.CallId, toolResult.Result as string));
        ChatOptions o = call.Options!;
        Assert.Equal((0.25f, 0.5f, 77, 0.1f, 0.2f, 42L), (o.Temperature, o.TopP, o.MaxOutputTokens, o.PresencePenalty, o.FrequencyPenalty, o.Seed));
        Assert.Equal(["END"], o.StopSequences);
        Assert.False(o.AllowMultipleToolCalls);
        AIFunctionDeclaration tool = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(o.Tools!));
        Assert.Equal(("weather", "Gets the weather"), (tool.Name, tool.Description));
        Assert.Equal("string", tool.JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Equal("weather", Assert.IsType<RequiredChatToolMode>(o.ToolMode).RequiredFunctionName);
        ChatResponseFormatJson format = Assert.IsType<ChatResponseFormatJson>(o.ResponseFormat);
        Assert.Equal("answer", format.SchemaName);
        Assert.True(format.Schema!.Value.GetProperty("properties").TryGetProperty("a", out _));
    }

    [Fact]
    public async Task Tool_calls_come_back_as_OpenAI_tool_calls()
    {
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("weather", "w", BinaryData.FromString("""{"type":"object"}""")),
                ChatTool.CreateFunctionTool("time", "t", BinaryData.FromString("""{"type":"object"}""")),
            },
        };

        ChatCompletion completion = await _server.Chat("test/tools").CompleteChatAsync([new UserChatMessage("go")], options);

        Assert.Equal(OpenAI.Chat.ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal(2, completion.ToolCalls.Count);
        Assert.Equal(("call_1", "weather"), (completion.ToolCalls[0].Id, completion.ToolCalls[0].FunctionName));
        Assert.Equal("""{"city":"Paris","days":1}""", completion.ToolCalls[0].FunctionArguments.ToString());
        Assert.Equal(("call_2", "time"), (completion.ToolCalls[1].Id, completion.ToolCalls[1].FunctionName));
    }

    [Fact]
    public async Task A_stream_delivers_each_update_before_the_provider_has_finished()
    {
        ChatClient client = _server.Chat("test/gate");
        await using IAsyncEnumerator<StreamingChatCompletionUpdate> stream =
            client.CompleteChatStreamingAsync([new UserChatMessage("hi")]).GetAsyncEnumerator();

        // The provider is blocked on its gate before its last update: whatever arrives now was flushed immediately.
        string first = string.Empty;
        while (first.Length == 0)
        {
            Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
            first = string.Concat(stream.Current.ContentUpdate.Select(c => c.Text));
        }

        Assert.Equal("first ", first);
        Assert.False(_test.Gate.Task.IsCompleted);

        _test.Gate.SetResult();
        var rest = new StringBuilder();
        OpenAI.Chat.ChatFinishReason? finish = null;
        while (await stream.MoveNextAsync())
        {
            rest.Append(string.Concat(stream.Current.ContentUpdate.Select(c => c.Text)));
            finish ??= stream.Current.FinishReason;
        }

        Assert.Equal("last", rest.ToString());
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task A_stream_has_the_OpenAI_event_sequence_with_usage_and_DONE()
    {
        using HttpResponseMessage response = await _server.PostAsync(
            "/api/v1/chat/completions",
            """{"model":"test/echo","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"a b"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("test", response.Headers.GetValues("x-aiops-provider").Single());
        List<string> events = await ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        List<JsonElement> chunks = events.Take(events.Count - 1).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.All(chunks, c => Assert.Equal("resp-stream", c.GetProperty("id").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        string text = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Select(d => d.TryGetProperty("content", out JsonElement t) ? t.GetString() : string.Empty));
        Assert.Equal("echo: a b ", text);
        JsonElement finish = chunks[^2];
        Assert.Equal("stop", finish.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        JsonElement usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal((4, 6, 10), (usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), usage.GetProperty("usage").GetProperty("total_tokens").GetInt32()));
    }

    [Fact]
    public async Task Without_include_usage_no_usage_chunk_is_sent()
    {
        using HttpResponseMessage response = await _server.PostAsync(
            "/api/v1/chat/completions", """{"model":"test/echo","stream":true,"messages":[{"role":"user","content":"x"}]}""");
        List<string> events = await ReadEventsAsync(response);
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events.Take(events.Count - 1), e => JsonDocument.Parse(e).RootElement.TryGetProperty("usage", out _));
    }

    [Fact]
    public async Task Streamed_tool_calls_are_deltas_with_an_index_each()
    {
        using HttpResponseMessage response = await _server.PostAsync(
            "/api/v1/chat/completions",
            """{"model":"test/tools","stream":true,"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"a","parameters":{"type":"object"}}},{"type":"function","function":{"name":"b"}}]}""");
        List<JsonElement> chunks = (await ReadEventsAsync(response)).SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        List<JsonElement> calls = chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .SelectMany(d => d.GetProperty("tool_calls").EnumerateArray())
            .ToList();
        Assert.Equal([0, 1], calls.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(["call_1", "call_2"], calls.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["a", "b"], calls.Select(c => c.GetProperty("function").GetProperty("name").GetString()));
        Assert.All(calls, c => Assert.Equal("""{"city":"Paris"}""", c.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());

        // The SDK assembles the same deltas into tool calls.
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("a", "a", BinaryData.FromString("""{"type":"object"}""")) } };
        var names = new List<string>();
        await foreach (StreamingChatCompletionUpdate update in _server.Chat("test/tools").CompleteChatStreamingAsync([new UserChatMessage("x")], options))
        {
            names.AddRange(update.ToolCallUpdates.Where(t => t.FunctionName is not null).Select(t => t.FunctionName));
        }

        Assert.Equal(["a"], names);
    }

    [Fact]
    public async Task A_failure_after_the_stream_started_ends_it_with_an_OpenAI_error_event_and_no_DONE()
    {
        using HttpResponseMessage response = await _server.PostAsync(
            "/api/v1/chat/completions", """{"model":"test/midfail","stream":true,"messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        List<string> events = await ReadEventsAsync(response);
        Assert.DoesNotContain("[DONE]", events);
        JsonElement error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("stream_interrupted", error.GetProperty("code").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Contains("cut", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(events, e => e.Contains("\"partial\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_disconnect_cancels_the_upstream_call()
    {
        using var cts = new CancellationTokenSource();
        HttpResponseMessage response = await _server.PostAsync(
            "/api/v1/chat/completions", """{"model":"test/hang","stream":true,"messages":[{"role":"user","content":"x"}]}""", completion: HttpCompletionOption.ResponseHeadersRead, cancellationToken: cts.Token);
        Stream body = await response.Content.ReadAsStreamAsync();
        var reader = new StreamReader(body);
        string? line = await reader.ReadLineAsync();
        Assert.StartsWith("data: ", line, StringComparison.Ordinal);

        // The caller goes away mid-stream.
        response.Dispose();

        bool cancelled = await _test.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(cancelled);
    }

    [Fact]
    public async Task An_error_before_the_first_chunk_is_a_proper_HTTP_error_even_when_streaming()
    {
        using HttpResponseMessage response = await _server.PostAsync(
            "/api/v1/chat/completions", """{"model":"test/fail-RateLimited","stream":true,"messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("rate_limit_error", "rate_limit_exceeded"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("fail-ServerError", 502, "upstream_error")]
    [InlineData("fail-InvalidRequest", 400, "invalid_value")]
    [InlineData("fail-NotFound", 404, "model_not_found")]
    [InlineData("fail-Authentication", 502, "upstream_authentication_failed")]
    [InlineData("fail-MissingApiKey", 500, "gateway_misconfigured")]
    [InlineData("fail-Timeout", 504, "upstream_timeout")]
    [InlineData("fail-Overloaded", 503, "upstream_overloaded")]
    [InlineData("fail-CircuitOpen", 503, "circuit_open")]
    [InlineData("fail-QuotaExceeded", 429, "insufficient_quota")]
    [InlineData("fail-ContentFiltered", 400, "content_filter")]
    [InlineData("fail-ContextLengthExceeded", 400, "context_length_exceeded")]
    public async Task Provider_errors_reach_the_SDK_as_OpenAI_errors_with_the_right_status(string model, int status, string code)
    {
        ClientResultException ex = await Assert.ThrowsAsync<ClientResultException>(() => _server.Chat("test/" + model).CompleteChatAsync([new UserChatMessage("x")]));

        Assert.Equal(status, ex.Status);
        JsonElement error = JsonDocument.Parse(ex.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.True(error.TryGetProperty("type", out _) && error.TryGetProperty("param", out _));
    }

    [Fact]
    public async Task Bad_requests_name_the_field_at_fault()
    {
        (string body, string param)[] cases =
        [
            ("""{"model":"test/echo"}""", "messages"),
            ("""{"model":"test/echo","messages":[]}""", "messages"),
            ("""{"model":"test/echo","messages":[{"role":"wizard","content":"x"}]}""", "messages[0].role"),
            ("""{"model":"test/echo","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature"),
            ("""{"model":"test/echo","messages":[{"role":"user","content":"x"}],"n":2}""", "n"),
            ("""{"model":"test/echo","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id"),
            ("""{"model":"test/echo","messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}""", "messages[0].tool_calls[0].function.arguments"),
            ("""{"model":"test/echo","messages":[{"role":"user","content":[{"type":"input_audio"}]}]}""", "messages[0].content[0].type"),
        ];
        foreach ((string body, string param) in cases)
        {
            using HttpResponseMessage response = await _server.PostAsync("/api/v1/chat/completions", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
            Assert.Equal(param, error.GetProperty("param").GetString());
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        }

        using HttpResponseMessage notJson = await _server.PostAsync("/api/v1/chat/completions", "{nope");
        Assert.Equal("invalid_json", JsonDocument.Parse(await notJson.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_test.Calls);
    }

    [Fact]
    public async Task The_overhead_header_excludes_the_time_spent_waiting_for_the_provider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var slow = new ScriptedProvider("slowpoke") { OnSlowCall = () => time.Advance(TimeSpan.FromSeconds(5)) };
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(
            new Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = GatewayTestServer.Key },
            [slow],
            o => o.DefaultProvider = slow.Id,
            s => s.AddSingleton<TimeProvider>(time));

        using HttpResponseMessage response = await server.PostAsync("/api/v1/chat/completions", """{"model":"slow","messages":[{"role":"user","content":"x"}]}""");

        // The provider call took 5 s of (fake) time; the gateway's own time is whatever the fake clock did outside it: nothing.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("x-aiops-overhead-ms").Single());
    }

    [Fact]
    public async Task A_caller_request_id_is_propagated()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"test/echo","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer " + GatewayTestServer.Key);
        request.Headers.Add("x-request-id", "trace-abc-123");
        using HttpResponseMessage response = await _server.Http.SendAsync(request);
        Assert.Equal("trace-abc-123", response.Headers.GetValues("x-request-id").Single());
    }

    internal static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        return body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim())
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => e["data: ".Length..])
            .ToList();
    }
}
