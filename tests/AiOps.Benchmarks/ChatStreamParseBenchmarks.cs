// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using AiOps.Simulator;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Sdk = OpenAI.Chat;

namespace AiOps.Benchmarks;

/// <summary>Parses a recorded 400-chunk chat stream (recorded from the simulator's <c>long-400</c> scenario with
/// <c>include_usage</c>) into updates: AiOps (<see cref="ChatResponseUpdate"/>) against the official SDK
/// (<c>StreamingChatCompletionUpdate</c>), both through HttpClient over the same bytes.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ChatStreamParseBenchmarks
{
    private IChatClient _ours = null!;
    private Sdk.ChatClient _sdk = null!;
    private readonly List<ChatMessage> _messages = [new(ChatRole.User, "Tell me a long story.")];
    private readonly List<Sdk.ChatMessage> _sdkMessages = [new Sdk.UserChatMessage("Tell me a long story.")];

    public byte[] Recording { get; private set; } = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        Recording = await RecordAsync();
        var handler = new ReplayHandler(Recording, "text/event-stream; charset=utf-8");
        _ours = BenchmarkClients.OursChat(handler);
        _sdk = new Sdk.ChatClient("gpt-4o-mini", BenchmarkClients.SdkKey, BenchmarkClients.SdkOptions(handler));

        // Both must see the same answer, or the comparison means nothing.
        int ours = await AiOps();
        int sdk = await OpenAISdk();
        if (ours != 400 || sdk != 400)
        {
            throw new InvalidOperationException($"Expected 400 text deltas from each client, got {ours} (AiOps) and {sdk} (SDK).");
        }
    }

    /// <summary>Records the stream the simulator sends for 400 words.</summary>
    public static async Task<byte[]> RecordAsync()
    {
        await using SimulatorHost host = await SimulatorHost.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("""{"model":"sim-long-400","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me a long story."}]}""", Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(new Uri(host.BaseAddress, "/v1/chat/completions"), content);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15.0")]
    public async Task<int> OpenAISdk()
    {
        int deltas = 0;
        await foreach (Sdk.StreamingChatCompletionUpdate update in _sdk.CompleteChatStreamingAsync(_sdkMessages))
        {
            if (update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0)
            {
                deltas++;
            }
        }

        return deltas;
    }

    [Benchmark(Description = "AiOps")]
    public async Task<int> AiOps()
    {
        int deltas = 0;
        await foreach (ChatResponseUpdate update in _ours.GetStreamingResponseAsync(_messages))
        {
            if (update.Contents.Count > 0 && update.Contents[0] is TextContent)
            {
                deltas++;
            }
        }

        return deltas;
    }
}
