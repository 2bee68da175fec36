// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Every provider's stream yields the same canonical updates: text as deltas that add up to the non-streamed answer, each tool
/// call once and whole (its arguments assembled from the fragments the wire split them into), one finish reason, usage exactly once and
/// after all content, the provider id on the first update and one response id throughout.</summary>
public sealed class StreamConformanceTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (ProviderCase c in ProviderCases.All)
            {
                foreach (string scenario in new[] { "long-12", "tools-parallel", "usage", "length" })
                {
                    data.Add(c.Name, scenario);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_stream_yields_the_canonical_updates_and_adds_up_to_the_non_streamed_answer(string provider, string scenario)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, scenario);
        List<ChatMessage> ask = [new(ChatRole.User, "What is the weather in Paris and what time is it there?")];
        var options = new ChatOptions { ModelId = CanonicalChat.Model, Tools = [CanonicalChat.WeatherTool, CanonicalChat.TimeTool] };

        List<ChatResponseUpdate> updates = await ConformanceClient.CollectAsync(client.Chat.GetStreamingResponseAsync(ask, options));
        ChatResponse whole = await client.Chat.GetResponseAsync(ask, options);

        // The coalesced stream equals the non-streamed answer: text, finish reason, calls with parsed arguments, usage.
        ChatResponse streamed = updates.ToChatResponse();
        JsonAssert.Equal(CanonicalResult.Describe(whole), CanonicalResult.Describe(streamed));

        // Text arrives as deltas (more than one for a multi-word answer) that concatenate to the answer.
        List<string> deltas = updates.SelectMany(u => u.Contents).OfType<TextContent>().Select(t => t.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(whole.Text, string.Concat(deltas));
        if (whole.Text.Contains(' ', System.StringComparison.Ordinal))
        {
            Assert.True(deltas.Count > 1, $"Expected several text deltas, got {deltas.Count}.");
        }

        // Each tool call exactly once, whole, with the wire's id (or a made-up one) that the coalesced answer keeps.
        List<FunctionCallContent> calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(CanonicalResult.CallIds(streamed), calls.Select(f => f.CallId));
        Assert.All(calls, f => Assert.Null(f.Exception));
        for (int i = 0; i < calls.Count; i++)
        {
            Assert.Matches(c.CallId(i), calls[i].CallId);
        }

        // Usage exactly once, on an update no content follows.
        int[] usageAt = Indexes(updates, u => u.Contents.OfType<UsageContent>().Any());
        int usageIndex = Assert.Single(usageAt);
        int lastContent = Indexes(updates, u => u.Contents.Any(x => x is TextContent { Text.Length: > 0 } or FunctionCallContent)).DefaultIfEmpty(-1).Max();
        Assert.True(usageIndex >= lastContent, $"Usage came at update {usageIndex}, before content at update {lastContent}.");
        Assert.Single(updates[usageIndex].Contents.OfType<UsageContent>());

        // One finish reason (it may repeat, never change), the provider id on the first update, one response id.
        List<ChatFinishReason> reasons = updates.Where(u => u.FinishReason is not null).Select(u => u.FinishReason!.Value).Distinct().ToList();
        Assert.Equal(whole.FinishReason, Assert.Single(reasons));
        Assert.Equal(c.ProviderId, updates[0].AdditionalProperties?[AiResponseProperties.Provider]);
        Assert.Single(updates.Select(u => u.ResponseId).Where(id => id is not null).Distinct());
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
    }

    [Theory]
    [MemberData(nameof(ProviderCases.Names), MemberType = typeof(ProviderCases))]
    public async Task Text_split_into_many_chunks_streams_as_many_deltas(string provider)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, headers: new Dictionary<string, string> { ["x-sim-chunks"] = "8" });

        List<ChatResponseUpdate> updates = await ConformanceClient.CollectAsync(
            client.Chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = CanonicalChat.Model }));

        List<string> deltas = updates.SelectMany(u => u.Contents).OfType<TextContent>().Select(t => t.Text).Where(t => t.Length > 0).ToList();
        Assert.Equal(8, deltas.Count);
        Assert.Equal("Hello from the AiOps simulator.", string.Concat(deltas));
    }

    private static int[] Indexes(List<ChatResponseUpdate> updates, System.Func<ChatResponseUpdate, bool> predicate) =>
        updates.Select((u, i) => (u, i)).Where(p => predicate(p.u)).Select(p => p.i).ToArray();
}
