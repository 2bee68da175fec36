// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using AiOps.Simulator.Anthropic;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>What the provider returns for each kind of answer, streamed and not.</summary>
public sealed class AnthropicResponseTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TextAnswer_HasTextIdsFinishReasonUsageAndRequestId(bool stream)
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);

        ChatResponse response = await Ask(client, [new ChatMessage(ChatRole.User, "Hello there")], new ChatOptions { ModelId = "claude-haiku-4-5" }, stream);

        Assert.Equal(ReplyPlanner.DefaultText, response.Text);
        Assert.StartsWith("msg_01Sim", response.ResponseId, System.StringComparison.Ordinal);
        Assert.Equal(response.ResponseId, response.Messages.Single().MessageId);
        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.Equal("claude-haiku-4-5", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal((3L, 5L, 8L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        AdditionalPropertiesDictionary properties = stream ? response.Messages.Single().AdditionalProperties! : response.AdditionalProperties!;
        Assert.Equal("anthropic", properties[AiResponseProperties.Provider]);
        Assert.Equal("end_turn", properties[AiResponseProperties.RawFinishReason]);
        Assert.StartsWith("req_011Sim", (string)properties[AiResponseProperties.RequestId]!, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolUse_BecomesFunctionCallContentWithParsedArguments(bool stream)
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions { ModelId = "sim-tools-parallel", Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, WeatherSchema), AIFunctionFactory.CreateDeclaration("get_time", null, WeatherSchema)] };

        ChatResponse response = await Ask(client, [new ChatMessage(ChatRole.User, "Weather and time?")], options, stream);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        List<FunctionCallContent> calls = response.Messages.Single().Contents.OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_weather", "get_time"], calls.Select(c => c.Name));
        Assert.All(calls, c => Assert.Matches("^toolu_01Sim[0-9]{6}x[12]$", c.CallId));
        Assert.NotEqual(calls[0].CallId, calls[1].CallId);
        Assert.All(calls, c => Assert.Equal("sample", ((JsonElement)c.Arguments!["location"]!).GetString()));
        Assert.All(calls, c => Assert.Null(c.Exception));
        Assert.Equal("tool_use", (stream ? response.Messages.Single().AdditionalProperties : response.AdditionalProperties)![AiResponseProperties.RawFinishReason]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Thinking_ArrivesAsReasoningWithSignature_AndTheSignedHistoryIsAcceptedNextTurn(bool stream)
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions { AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 1024 } };
        var history = new List<ChatMessage> { new(ChatRole.User, "Hi") };

        ChatResponse first = await Ask(client, history, options, stream);

        TextReasoningContent reasoning = Assert.Single(first.Messages.Single().Contents.OfType<TextReasoningContent>());
        Assert.Equal(ReplyPlanner.DefaultReasoning, reasoning.Text);
        Assert.Equal(AnthropicSignature.For(ReplyPlanner.DefaultReasoning), reasoning.ProtectedData);
        Assert.Equal(ReplyPlanner.DefaultText, first.Text);

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.User, "And again?"));
        ChatResponse second = await Ask(client, history, options, stream);

        Assert.Equal(ReplyPlanner.DefaultText, second.Text);
        using JsonDocument sent = JsonDocument.Parse(AnthropicTestClients.Requests(sim, key)[1].Body);
        JsonTreeAssert.Same(
            $$"""{"type":"thinking","thinking":"{{ReplyPlanner.DefaultReasoning}}","signature":"{{AnthropicSignature.For(ReplyPlanner.DefaultReasoning)}}"}""",
            sent.RootElement.GetProperty("messages")[1].GetProperty("content")[0].GetRawText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThinkingWithTools_TheToolLoopSendsTheSignedThinkingBackFirst(bool stream)
    {
        // With thinking on, the API rejects a tool_use turn sent back without its thinking block first (the simulator too).
        (IChatClient provider, string key) = AnthropicTestClients.ForSimulator(sim);
        IChatClient client = provider.AsBuilder().UseFunctionInvocation().Build();
        AIFunction temperature = AIFunctionFactory.Create((string location) => 21, "get_temperature", "Current temperature.");
        var options = new ChatOptions { ModelId = "sim-tools", Tools = [temperature], AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 1024 } };

        ChatResponse response = await Ask(client, [new ChatMessage(ChatRole.User, "Temperature?")], options, stream);

        Assert.Equal("Tool said: 21", response.Text);
        IReadOnlyList<RecordedRequest> requests = AnthropicTestClients.Requests(sim, key);
        Assert.Equal(2, requests.Count);
        using JsonDocument second = JsonDocument.Parse(requests[1].Body);
        JsonElement assistant = second.RootElement.GetProperty("messages")[1];
        Assert.Equal("assistant", assistant.GetProperty("role").GetString());
        Assert.Equal(["thinking", "tool_use"], assistant.GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal(AnthropicSignature.For(ReplyPlanner.DefaultReasoning), assistant.GetProperty("content")[0].GetProperty("signature").GetString());
        JsonElement toolResult = second.RootElement.GetProperty("messages")[2].GetProperty("content")[0];
        Assert.Equal(assistant.GetProperty("content")[1].GetProperty("id").GetString(), toolResult.GetProperty("tool_use_id").GetString());
        Assert.Equal("21", toolResult.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StopSequence_EndsTheTextAndIsReported(bool stream)
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);

        ChatResponse response = await Ask(client, [new ChatMessage(ChatRole.User, "one two STOP three")], new ChatOptions { ModelId = "sim-echo", StopSequences = ["STOP"] }, stream);

        Assert.Equal("one two ", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        AdditionalPropertiesDictionary properties = (stream ? response.Messages.Single().AdditionalProperties : response.AdditionalProperties)!;
        Assert.Equal("stop_sequence", properties[AiResponseProperties.RawFinishReason]);
        Assert.Equal("STOP", properties[AnthropicOptions.StopSequence]);
    }

    [Theory]
    [InlineData("sim-length", false, "max_tokens")]
    [InlineData("sim-length", true, "max_tokens")]
    [InlineData("sim-filtered", false, "refusal")]
    [InlineData("sim-filtered", true, "refusal")]
    public async Task LengthAndRefusal_MapToLengthAndContentFilter(string model, bool stream, string raw)
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);

        ChatResponse response = await Ask(client, [new ChatMessage(ChatRole.User, "Go")], new ChatOptions { ModelId = model }, stream);

        Assert.Equal(raw == "refusal" ? ChatFinishReason.ContentFilter : ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(raw, (stream ? response.Messages.Single().AdditionalProperties : response.AdditionalProperties)![AiResponseProperties.RawFinishReason]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CacheUsage_ReportsTotalInputWithCachedReadsAndWrites(bool stream)
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);

        ChatResponse response = await Ask(client, [new ChatMessage(ChatRole.User, "Go")], new ChatOptions { ModelId = "sim-cache" }, stream);

        UsageDetails usage = response.Usage!;
        Assert.Equal(2100, usage.InputTokenCount);
        Assert.Equal(1800, usage.CachedInputTokenCount);
        Assert.Equal(6, usage.OutputTokenCount);
        Assert.Equal(2106, usage.TotalTokenCount);
        Assert.Equal(100, usage.AdditionalCounts!["input_tokens"]);
        Assert.Equal(200, usage.AdditionalCounts["cache_creation_input_tokens"]);
        Assert.Equal(1800, usage.AdditionalCounts["cache_read_input_tokens"]);
    }

    [Theory]
    [InlineData("stop_sequence", "Stop")]
    [InlineData("end_turn", "Stop")]
    [InlineData("pause_turn", "Stop")]
    [InlineData("max_tokens", "Length")]
    [InlineData("model_context_window_exceeded", "Length")]
    [InlineData("tool_use", "ToolCalls")]
    [InlineData("refusal", "ContentFilter")]
    [InlineData("brand_new_reason", "brand_new_reason")]
    public void StopReasons_MapToFinishReasons_UnknownKeptVerbatim(string stopReason, string expected)
    {
        Assert.Equal(expected switch
        {
            "Stop" => ChatFinishReason.Stop,
            "Length" => ChatFinishReason.Length,
            "ToolCalls" => ChatFinishReason.ToolCalls,
            "ContentFilter" => ChatFinishReason.ContentFilter,
            _ => new ChatFinishReason(expected),
        }, AnthropicStopReason.FromWire(stopReason));
    }

    [Fact]
    public async Task StreamedText_ArrivesWordByWord_UsageOnceAtTheEnd()
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);
        var updates = new List<ChatResponseUpdate>();

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", new ChatOptions { ModelId = "sim-long-5" }))
        {
            updates.Add(update);
        }

        Assert.Equal(["word1 ", "word2 ", "word3 ", "word4 ", "word5", string.Empty], updates.Select(u => u.Text));
        Assert.Single(updates, u => u.Contents.OfType<UsageContent>().Any());
        Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents));
        Assert.All(updates, u => Assert.Equal(updates[0].ResponseId, u.ResponseId));
        Assert.All(updates, u => Assert.IsType<AnthropicStreamEvent>(u.RawRepresentation));
    }

    private static async Task<ChatResponse> Ask(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        if (!stream)
        {
            return await client.GetResponseAsync(messages, options);
        }

        return await client.GetStreamingResponseAsync(messages, options).ToChatResponseAsync();
    }
}
