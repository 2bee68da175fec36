// Licensed under the MIT License.

using System;
using System.Net.Http;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace AiOps.Benchmarks;

/// <summary>Parsing a recorded 400-event Anthropic stream (Data/anthropic-stream-400.sse: message_start, ping, 387 text deltas, a tool_use
/// block of five input_json_delta fragments, message_delta, message_stop) with AiOps's provider and with the official Anthropic SDK
/// (NuGet Anthropic 13.13.0), side by side. Every client gets the same bytes from an in-memory handler.</summary>
/// <remarks><list type="bullet">
/// <item><c>AiOps</c>: <c>IChatClient.GetStreamingResponseAsync</c>, every update consumed (text, the assembled tool call, usage).</item>
/// <item><c>Sdk_RawEvents</c>: <c>client.Messages.CreateStreaming</c>, every raw event consumed — less work than a chat client does.</item>
/// <item><c>Sdk_ChatClient</c>: the SDK's own <c>IChatClient</c> (<c>AsIChatClient</c>), the like-for-like comparison.</item>
/// </list></remarks>
[MemoryDiagnoser]
public class AnthropicStreamBenchmarks
{
    private const string Model = "claude-sonnet-4-5";
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "Write a long answer, then check the weather in Paris.")];
    private IChatClient _aiops = null!;
    private AnthropicClient _sdk = null!;
    private IChatClient _sdkChat = null!;
    private MessageCreateParams _sdkParams = null!;
    private ChatOptions _options = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        RecordedStream recording = RecordedStream.Load("anthropic-stream-400.sse");
        var settings = new AiProviderSettings { ApiKey = "sk-ant-bench", BaseUrl = new Uri("https://api.anthropic.test") };
        var provider = new AnthropicProvider();
        _aiops = provider.CreateChatClient(new AiProviderContext(provider, settings, new HttpClient(recording), new AiSecretResolver(), TimeSpan.FromMinutes(5)));
        _sdk = new AnthropicClient { ApiKey = "sk-ant-bench", BaseUrl = "https://api.anthropic.test", HttpClient = new HttpClient(recording), MaxRetries = 0 };
        _sdkChat = _sdk.AsIChatClient(Model, 16384);
        _sdkParams = new MessageCreateParams { Model = Model, MaxTokens = 16384, Messages = [new UserMessageParam("Write a long answer, then check the weather in Paris.")] };
        _options = new ChatOptions { ModelId = Model };

        // Each contender must have understood the whole stream, or the comparison means nothing.
        await Verify(_aiops, "AiOps");
        await Verify(_sdkChat, "Anthropic SDK IChatClient");
        int events = await Sdk_RawEvents();
        if (events < 399)
        {
            throw new InvalidOperationException($"The SDK yielded {events} raw events; expected at least 399 (400 minus ping).");
        }
    }

    private async Task Verify(IChatClient client, string name)
    {
        ChatResponse response = await client.GetStreamingResponseAsync(Messages, _options).ToChatResponseAsync();
        FunctionCallContent? call = null;
        foreach (AIContent content in response.Messages[^1].Contents)
        {
            call ??= content as FunctionCallContent;
        }

        bool ok = response.Text.StartsWith("word1 word2 ", StringComparison.Ordinal) && response.Text.EndsWith("word386 word387 ", StringComparison.Ordinal) &&
                  call is { Name: "get_weather", CallId: "toolu_01NRLabsLyVHZPKxbKvkfSMn" } && call.Arguments?["location"]?.ToString() == "Paris" &&
                  response.FinishReason == ChatFinishReason.ToolCalls && response.Usage?.OutputTokenCount == 452;
        if (!ok)
        {
            throw new InvalidOperationException($"{name} did not parse the recorded stream correctly: text length {response.Text.Length}, call {call?.Name}, finish {response.FinishReason}.");
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<int> AiOps()
    {
        int count = 0;
        await foreach (ChatResponseUpdate update in _aiops.GetStreamingResponseAsync(Messages, _options))
        {
            count += update.Contents.Count;
        }

        return count;
    }

    [Benchmark]
    public async Task<int> Sdk_RawEvents()
    {
        int count = 0;
        await foreach (RawMessageStreamEvent _ in _sdk.Messages.CreateStreaming(_sdkParams))
        {
            count++;
        }

        return count;
    }

    [Benchmark]
    public async Task<int> Sdk_ChatClient()
    {
        int count = 0;
        await foreach (ChatResponseUpdate update in _sdkChat.GetStreamingResponseAsync(Messages, _options))
        {
            count += update.Contents.Count;
        }

        return count;
    }
}
