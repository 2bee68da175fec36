// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>Streamed chat completions against the simulator (wire-formats §1.7): deltas, tool-call assembly, the usage chunk,
/// <c>[DONE]</c>, and every way a stream can break.</summary>
public sealed class OpenAIStreamingTests : IClassFixture<SimulatorFixture>
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city","days"]}""").RootElement;
    private readonly OpenAITestSupport _support;

    public OpenAIStreamingTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    private Task<List<ChatResponseUpdate>> StreamAsync(string model, ChatOptions? options = null, AiProviderSettings? settings = null, string prompt = "Hi")
    {
        options ??= new ChatOptions();
        options.ModelId = model;
        return OpenAITestSupport.CollectAsync(_support.Chat(settings: settings).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], options));
    }

    [Fact]
    public async Task Text_deltas_arrive_in_order_then_the_finish_then_the_usage_chunk()
    {
        List<ChatResponseUpdate> updates = await StreamAsync("sim-long-5");

        // The role chunk (content "") yields nothing; five words, a finish update and a usage update follow.
        Assert.Equal(["word1 ", "word2 ", "word3 ", "word4 ", "word5", string.Empty, string.Empty], updates.Select(u => u.Text));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.All(updates, u => Assert.StartsWith("chatcmpl-sim", u.ResponseId, StringComparison.Ordinal));
        Assert.All(updates, u => Assert.Equal(u.ResponseId, u.MessageId));
        Assert.All(updates, u => Assert.Equal("sim-long-5", u.ModelId));
        Assert.All(updates, u => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770950778), u.CreatedAt));
        Assert.All(updates, u => Assert.IsType<BinaryData>(u.RawRepresentation));
        Assert.Equal("openai", updates[0].AdditionalProperties![AiResponseProperties.Provider]);
        Assert.StartsWith("req_sim_", (string)updates[0].AdditionalProperties![AiResponseProperties.RequestId]!, StringComparison.Ordinal);

        ChatResponseUpdate finish = updates[5];
        Assert.Equal(ChatFinishReason.Stop, finish.FinishReason);
        Assert.Equal("stop", finish.AdditionalProperties![AiResponseProperties.RawFinishReason]);
        using (JsonDocument raw = JsonDocument.Parse(((BinaryData)finish.RawRepresentation!).ToMemory()))
        {
            Assert.Equal("stop", raw.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        }

        UsageContent usage = Assert.IsType<UsageContent>(Assert.Single(updates[6].Contents));
        Assert.Equal(1, usage.Details.InputTokenCount);
        Assert.Equal(5, usage.Details.OutputTokenCount);
        Assert.Equal(6, usage.Details.TotalTokenCount);

        ChatResponse merged = updates.ToChatResponse();
        Assert.Equal("word1 word2 word3 word4 word5", merged.Text);
        Assert.Equal(ChatFinishReason.Stop, merged.FinishReason);
        Assert.Equal(6, merged.Usage!.TotalTokenCount);
        // ToChatResponse moves update properties onto the message.
        Assert.Equal("openai", merged.Messages[0].AdditionalProperties![AiResponseProperties.Provider]);
    }

    [Fact]
    public async Task The_chunk_count_header_splits_the_text_into_that_many_deltas()
    {
        AiProviderSettings settings = OpenAITestSupport.With(_support.Settings(), "x-sim-chunks", "4");

        List<ChatResponseUpdate> updates = await StreamAsync("sim-text", settings: settings);

        Assert.Equal(4, updates.Count(u => u.Contents.OfType<TextContent>().Any()));
        Assert.Equal("Hello from the AiOps simulator.", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task Cached_and_reasoning_tokens_arrive_on_the_usage_chunk()
    {
        List<ChatResponseUpdate> updates = await StreamAsync("sim-usage");

        UsageDetails usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single().Details;
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(40, usage.CachedInputTokenCount);
        Assert.Equal(20, usage.ReasoningTokenCount);
    }

    [Fact]
    public async Task Streamed_tool_call_fragments_are_assembled_per_index_into_calls_with_parsed_arguments()
    {
        var options = new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, WeatherSchema), AIFunctionFactory.CreateDeclaration("get_time", null, WeatherSchema)] };

        List<ChatResponseUpdate> updates = await StreamAsync("sim-tools-parallel", options);

        // Calls are handed out once, complete, on the update that carries finish_reason tool_calls.
        ChatResponseUpdate finish = Assert.Single(updates, u => u.FinishReason is not null);
        Assert.Equal(ChatFinishReason.ToolCalls, finish.FinishReason);
        List<FunctionCallContent> calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(calls, finish.Contents.OfType<FunctionCallContent>().ToList());
        Assert.Equal(["call_sim1", "call_sim2"], calls.Select(c => c.CallId));
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Null(c.Exception));
        Assert.All(calls, c => Assert.Equal(JsonValueKind.Number, ((JsonElement)c.Arguments!["days"]!).ValueKind));
    }

    [Fact]
    public async Task A_stream_cut_mid_way_raises_stream_interrupted_and_never_returns_the_partial_text()
    {
        IAsyncEnumerable<ChatResponseUpdate> stream = _support.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-cut-3" });
        var received = new List<ChatResponseUpdate>();

        AiException ex = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate update in stream)
            {
                received.Add(update);
            }
        });

        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.True(ex.IsRetryable);
        Assert.Equal("openai", ex.Provider);
        Assert.StartsWith("req_sim_", ex.RequestId, StringComparison.Ordinal);
        Assert.DoesNotContain(received, u => u.FinishReason is not null);
    }

    [Theory]
    [InlineData("sim-cut-3")]
    [InlineData("sim-cut-0")]
    public async Task Cut_streams_always_throw_stream_interrupted(string model)
    {
        var settings = OpenAITestSupport.With(_support.Settings(), "x-sim-scenario", model[4..]);

        AiException ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync("sim-long-10", settings: settings));

        Assert.True(ex.Kind == AiErrorKind.StreamInterrupted, ex.Kind + ": " + ex.ToString());
    }

    [Fact]
    public async Task A_malformed_frame_raises_stream_interrupted()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync("sim-malformed-2"));

        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_frame_mid_stream_raises_the_providers_error()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync("sim-midstream-2"));

        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Equal("server_error", ex.ErrorCode);
        Assert.Equal("The server had an error while processing your request.", ex.ProviderMessage);
        Assert.StartsWith("req_sim_", ex.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_without_done_raises_stream_interrupted()
    {
        AiProviderSettings settings = OpenAITestSupport.With(_support.Settings(), "x-sim-quirks", "no-done");

        AiException ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync("sim-text", settings: settings));

        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("[DONE]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_error_before_the_stream_starts_is_mapped_like_any_error()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync("sim-ratelimit-2"));

        Assert.Equal(AiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
    }

    [Fact]
    public async Task Cancelling_mid_stream_stops_with_operation_canceled()
    {
        using var cts = new CancellationTokenSource();
        AiProviderSettings settings = OpenAITestSupport.With(_support.Settings(), "x-sim-chunk-delay-ms", "20");
        int seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in _support.Chat(settings: settings).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-long-1000" }, cts.Token))
            {
                if (++seen == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });

        // Updates the parser had already buffered may still arrive, but the stream never runs to its end.
        Assert.InRange(seen, 2, 50);
    }
}
