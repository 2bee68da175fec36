// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>Streamed Gemini chat against the simulator: framing, cumulative usage reported once, faults never end silently.</summary>
public sealed class GeminiStreamingTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static async Task<List<ChatResponseUpdate>> CollectAsync(IChatClient chat, ChatOptions? options = null, string prompt = "Hello")
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], options))
        {
            updates.Add(update);
        }

        return updates;
    }

    [Fact]
    public async Task A_stream_uses_alt_sse_the_same_body_and_reports_usage_once_at_the_end()
    {
        string key = NewKey();
        List<ChatResponseUpdate> updates = await CollectAsync(Chat(sim, key));

        RecordedRequest request = Single(sim, key);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.Path);
        Assert.Equal("?alt=sse", request.Query);
        Assert.Equal(Key, request.Headers["x-goog-api-key"]);
        Assert.Equal(J("{'contents':[{'role':'user','parts':[{'text':'Hello'}]}],'generationConfig':{'candidateCount':1}}"), request.Body);

        // Five words → five text chunks (finish on the last), then one usage update.
        Assert.Equal(6, updates.Count);
        Assert.Equal(ReplyPlanner.DefaultText, string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates.Take(4), u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Stop, updates[4].FinishReason);
        Assert.Equal("STOP", updates[4].AdditionalProperties![AiResponseProperties.RawFinishReason]);
        UsageContent usage = Assert.IsType<UsageContent>(Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()));
        Assert.Same(usage, Assert.Single(updates[5].Contents));
        Assert.Equal(2, usage.Details.InputTokenCount);
        Assert.Equal(5, usage.Details.OutputTokenCount);
        Assert.Equal(7, usage.Details.TotalTokenCount);
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Single(updates.Select(u => u.ResponseId).Distinct());

        ChatResponse merged = updates.ToChatResponse();
        Assert.Equal(ReplyPlanner.DefaultText, merged.Text);
        Assert.Equal(ChatFinishReason.Stop, merged.FinishReason);
        Assert.Equal(7, merged.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Streamed_and_whole_answers_give_equal_canonical_results()
    {
        IChatClient chat = Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "usage");
        ChatResponse whole = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);
        ChatResponse streamed = (await CollectAsync(chat, prompt: "x")).ToChatResponse();

        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(whole.FinishReason, streamed.FinishReason);
        Assert.Equal(whole.Usage!.InputTokenCount, streamed.Usage!.InputTokenCount);
        Assert.Equal(whole.Usage.OutputTokenCount, streamed.Usage.OutputTokenCount);
        Assert.Equal(whole.Usage.ReasoningTokenCount, streamed.Usage.ReasoningTokenCount);
        Assert.Equal(whole.Usage.CachedInputTokenCount, streamed.Usage.CachedInputTokenCount);
        Assert.Equal(whole.Usage.TotalTokenCount, streamed.Usage.TotalTokenCount);
        Assert.Equal(50, streamed.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_streamed_function_call_arrives_whole_with_ToolCalls()
    {
        AIFunction weather = AIFunctionFactory.Create((string city) => city, "get_weather");
        List<ChatResponseUpdate> updates = await CollectAsync(Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "tools"), new ChatOptions { Tools = [weather] });

        FunctionCallContent call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("sample", call.Arguments!["city"]!.ToString());
        Assert.StartsWith("aiops-simresp", call.CallId, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.ToolCalls, updates.ToChatResponse().FinishReason);
    }

    [Fact]
    public async Task A_streamed_thinking_answer_keeps_thoughts_and_the_signature_through_coalescing()
    {
        List<ChatResponseUpdate> updates = await CollectAsync(Chat(sim, NewKey()), new ChatOptions { AdditionalProperties = new() { ["include_thoughts"] = true } });
        IList<AIContent> contents = updates.ToChatResponse().Messages[0].Contents;

        Assert.Equal("Thinking about the request.", Assert.IsType<TextReasoningContent>(contents[0]).Text);
        Assert.Equal(ReplyPlanner.DefaultText, Assert.IsType<TextContent>(contents[1]).Text);
        Assert.Equal("c2ltLXNpZ25hdHVyZQ==", Assert.IsType<TextReasoningContent>(contents[2]).ProtectedData);
    }

    [Fact]
    public async Task A_filtered_stream_finishes_with_ContentFilter_and_categories()
    {
        List<ChatResponseUpdate> updates = await CollectAsync(Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "filtered"));
        ChatResponseUpdate finish = updates.Single(u => u.FinishReason is not null);
        Assert.Equal(ChatFinishReason.ContentFilter, finish.FinishReason);
        Assert.Equal(new[] { "HARM_CATEGORY_DANGEROUS_CONTENT" }, finish.AdditionalProperties![AiResponseProperties.FilteredCategories]);
        Assert.Equal(string.Empty, string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task A_blocked_prompt_in_a_stream_throws_ContentFiltered_before_any_update()
    {
        int seen = 0;
        var ex = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "safety").GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")]))
            {
                seen++;
            }
        });
        Assert.Equal(AiErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal(0, seen);
    }

    [Theory]
    [InlineData("cut-2", 2)]
    [InlineData("cut-0", 0)]
    [InlineData("cut-99", 4)]
    public async Task A_cut_stream_throws_StreamInterrupted_after_the_chunks_that_arrived(string scenario, int expected)
    {
        int seen = 0;
        var ex = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = scenario).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "x")]))
            {
                seen++;
            }
        });
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("finishReason", ex.Message, StringComparison.Ordinal);
        Assert.Equal("google", ex.Provider);
        Assert.True(ex.IsRetryable);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_malformed_frame_throws_StreamInterrupted()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => CollectAsync(Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "malformed-1")));
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_event_in_the_middle_of_a_stream_throws_with_Geminis_status()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => CollectAsync(Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "midstream-2")));
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Equal("INTERNAL", ex.ErrorCode);
        Assert.StartsWith("An internal error has occurred", ex.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunk_count_and_order_follow_the_simulator_knob()
    {
        string key = NewKey();
        IChatClient chat = Chat(sim, key, s => { s.Headers["x-sim-scenario"] = "long-30"; s.Headers["x-sim-chunks"] = "3"; });
        List<ChatResponseUpdate> updates = await CollectAsync(chat);
        Assert.Equal(4, updates.Count);
        Assert.Equal(string.Join(' ', Enumerable.Range(1, 30).Select(i => "word" + i)), string.Concat(updates.Select(u => u.Text)));
    }
}
