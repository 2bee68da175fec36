// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>The §3.5 SDK fixtures and the §8 test vectors, fed through the provider byte for byte.</summary>
public sealed class AnthropicTranscriptTests
{
    [Fact]
    public async Task TranscriptD_AccumulatesTextToolCallStopReasonAndUsage()
    {
        var handler = new ReplayHttpHandler(AnthropicTranscripts.ToolUseStream, headers: new Dictionary<string, string> { ["request-id"] = "req_011CSLsW7mFqvHHnzrKdKjAE" });
        IChatClient client = AnthropicTestClients.ForHandler(handler);

        List<ChatResponseUpdate> updates = await Collect(client);
        ChatResponse response = updates.ToChatResponse();

        Assert.Equal("I'll check the current weather in Paris for you.", response.Text);
        ChatMessage message = Assert.Single(response.Messages);
        FunctionCallContent call = Assert.Single(message.Contents.OfType<FunctionCallContent>());
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Null(call.Exception);
        KeyValuePair<string, object?> argument = Assert.Single(call.Arguments!);
        Assert.Equal("location", argument.Key);
        Assert.Equal("Paris", Assert.IsType<System.Text.Json.JsonElement>(argument.Value).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("msg_019Q1hrJbZG26Fb9BQhrkHEr", response.ResponseId);
        Assert.Equal("claude-opus-4-8", response.ModelId);
        Assert.Equal(377, response.Usage!.InputTokenCount);
        Assert.Equal(65, response.Usage.OutputTokenCount);
        Assert.Equal(442, response.Usage.TotalTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);

        // Exactly one update carries usage and the finish reason: the last one (message_stop).
        Assert.Single(updates, u => u.Contents.OfType<UsageContent>().Any());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        Assert.Equal("tool_use", updates[^1].AdditionalProperties![AiResponseProperties.RawFinishReason]);
        Assert.Equal("req_011CSLsW7mFqvHHnzrKdKjAE", updates[^1].AdditionalProperties![AiResponseProperties.RequestId]);
        Assert.Equal("anthropic", updates[^1].AdditionalProperties![AiResponseProperties.Provider]);
        Assert.All(updates.Take(updates.Count - 1), u => Assert.Null(u.FinishReason));
    }

    [Fact]
    public void TranscriptD_PartialJsonFragmentsConcatenateToTheToolInput()
    {
        // The §8 vector at the parser level: the input_json_delta fragments of block 1, in order.
        var fragments = new StringBuilder();
        foreach (AnthropicStreamEvent ev in ParseAll(AnthropicTranscripts.ToolUseStream))
        {
            if (ev is { Kind: AnthropicStreamEventKind.ContentBlockDelta, DeltaKind: AnthropicDeltaKind.InputJson, Index: 1 })
            {
                fragments.Append(ev.Text);
            }
        }

        Assert.Equal("{\"location\": \"Paris\"}", fragments.ToString());
    }

    [Fact]
    public void TranscriptD_ParsesEveryEventInOrder()
    {
        List<AnthropicStreamEvent> events = ParseAll(AnthropicTranscripts.ToolUseStream);

        Assert.Equal(
            [
                AnthropicStreamEventKind.MessageStart, AnthropicStreamEventKind.ContentBlockStart, AnthropicStreamEventKind.Ping,
                AnthropicStreamEventKind.ContentBlockDelta, AnthropicStreamEventKind.ContentBlockDelta, AnthropicStreamEventKind.ContentBlockStop,
                AnthropicStreamEventKind.ContentBlockStart, AnthropicStreamEventKind.ContentBlockDelta, AnthropicStreamEventKind.ContentBlockDelta,
                AnthropicStreamEventKind.ContentBlockDelta, AnthropicStreamEventKind.ContentBlockDelta, AnthropicStreamEventKind.ContentBlockDelta,
                AnthropicStreamEventKind.ContentBlockStop, AnthropicStreamEventKind.MessageDelta, AnthropicStreamEventKind.MessageStop,
            ],
            events.Select(e => e.Kind));
        AnthropicStreamEvent start = events[0];
        Assert.Equal(("msg_019Q1hrJbZG26Fb9BQhrkHEr", "claude-opus-4-8", 377L, 0L, 0L, 1L), (start.MessageId, start.Model, start.InputTokens, start.CacheCreationInputTokens, start.CacheReadInputTokens, start.OutputTokens));
        AnthropicStreamEvent tool = events[6];
        Assert.Equal((1, AnthropicBlockKind.ToolUse, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather"), (tool.Index, tool.BlockKind, tool.BlockId, tool.BlockName));
        Assert.Equal(("tool_use", (string?)null, 65L), (events[13].StopReason, events[13].StopSequence, events[13].OutputTokens));
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", false)]
    [InlineData("\r", false)]
    [InlineData("\n", true)]
    [InlineData("\r\n", true)]
    public async Task TranscriptC_GivesTheSameAnswerForEveryLineEndingAndReadSize(string newline, bool trickle)
    {
        var handler = new ReplayHttpHandler(AnthropicTranscripts.TextStream.Replace("\n", newline, StringComparison.Ordinal)) { Trickle = trickle };
        IChatClient client = AnthropicTestClients.ForHandler(handler);

        List<ChatResponseUpdate> updates = await Collect(client);

        Assert.Equal(["Hello", " there", "!", string.Empty], updates.Select(u => u.Text));
        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("Hello there!", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", response.ResponseId);
        Assert.Equal((11L, 6L, 17L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
    }

    [Fact]
    public async Task StreamThatEndsBeforeMessageStop_ThrowsStreamInterrupted_AfterTheTextSoFar()
    {
        string truncated = AnthropicTranscripts.TextStream[..AnthropicTranscripts.TextStream.IndexOf("event: message_stop", StringComparison.Ordinal)];
        IChatClient client = AnthropicTestClients.ForHandler(new ReplayHttpHandler(truncated, headers: new Dictionary<string, string> { ["request-id"] = "req_cut" }));
        var texts = new List<string>();

        AiException error = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi"))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal(AiErrorKind.StreamInterrupted, error.Kind);
        Assert.Equal("anthropic", error.Provider);
        Assert.Equal("req_cut", error.RequestId);
        Assert.True(error.IsRetryable);
        Assert.Contains("message_stop", error.Message, StringComparison.Ordinal);
        Assert.Equal(["Hello", " there", "!"], texts);
    }

    [Fact]
    public async Task ErrorEventVector_ThrowsOverloaded_WithTypeAndMessage_AndNoHttpStatus()
    {
        string stream = AnthropicTranscripts.TextStream[..AnthropicTranscripts.TextStream.IndexOf("event: content_block_stop", StringComparison.Ordinal)] + AnthropicTranscripts.ErrorEvent;
        IChatClient client = AnthropicTestClients.ForHandler(new ReplayHttpHandler(stream));

        AiException error = await Assert.ThrowsAsync<AiException>(() => Collect(client));

        Assert.Equal(AiErrorKind.Overloaded, error.Kind);
        Assert.Equal("overloaded_error", error.ErrorCode);
        Assert.Equal("Overloaded", error.ProviderMessage);
        Assert.Null(error.StatusCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task UnknownEventsAreIgnored_AsTheOfficialSdksDo()
    {
        string stream = AnthropicTranscripts.TextStream.Replace(
            "event: ping\n",
            "event: future_event\ndata: {\"type\":\"future_event\",\"whatever\":[1,2]}\n\nevent: ping\n",
            StringComparison.Ordinal);
        IChatClient client = AnthropicTestClients.ForHandler(new ReplayHttpHandler(stream));

        ChatResponse response = (await Collect(client)).ToChatResponse();

        Assert.Equal("Hello there!", response.Text);
    }

    [Fact]
    public async Task ADeltaForABlockThatNeverStarted_IsAProtocolError()
    {
        string stream = AnthropicTranscripts.TextStream.Replace("\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"", "\"index\":5,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"", StringComparison.Ordinal);
        IChatClient client = AnthropicTestClients.ForHandler(new ReplayHttpHandler(stream));

        AiException error = await Assert.ThrowsAsync<AiException>(() => Collect(client));

        Assert.Equal(AiErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("block 5", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<ChatResponseUpdate>> Collect(IChatClient client)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("What is the weather in Paris?"))
        {
            updates.Add(update);
        }

        return updates;
    }

    private static List<AnthropicStreamEvent> ParseAll(string stream)
    {
        var events = new List<AnthropicStreamEvent>();
        foreach (SseItem<AnthropicStreamEvent> item in SseParser.Create(new System.IO.MemoryStream(Encoding.UTF8.GetBytes(stream)), AnthropicStreamEventParser.Parse).Enumerate())
        {
            events.Add(item.Data);
        }

        return events;
    }
}
