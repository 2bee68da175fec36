// Licensed under the MIT License.

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace AiOps.Benchmarks.Gemini;

/// <summary>Parsing a recorded-shape 400-event Gemini stream: AiOps's <see cref="Utf8JsonReader"/> reader against a straightforward
/// <see cref="JsonDocument"/>-per-event parser (no Google .NET SDK is on the feed), and the whole <see cref="IChatClient"/> path.</summary>
/// <remarks>Every method extracts the same facts: the text (its length), the finish reason and the last usage; the checks in
/// <see cref="Setup"/> make sure they agree.</remarks>
[MemoryDiagnoser]
public class GeminiStreamParsingBenchmarks
{
    private byte[] _stream = null!;
    private IChatClient _client = null!;
    private ChatMessage[] _messages = null!;

    [Params(400)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = GeminiRecordedStream.Create(Events);
        var settings = new AiProviderSettings { ApiKey = "bench-key", BaseUrl = new Uri("https://generativelanguage.googleapis.com") };
        var context = new AiProviderContext(new GeminiProvider(), settings, new HttpClient(new ReplayHandler(_stream)), new AiSecretResolver(), TimeSpan.FromMinutes(1));
        _client = new GeminiProvider().CreateChatClient(context);
        _messages = [new ChatMessage(ChatRole.User, "high")];

        long baseline = JsonDocumentPerEvent().GetAwaiter().GetResult();
        long ours = AiOpsReader().GetAwaiter().GetResult();
        long client = AiOpsChatClient().GetAwaiter().GetResult();
        if (baseline != ours || ours != client)
        {
            throw new InvalidOperationException($"The parsers disagree: {baseline} / {ours} / {client}.");
        }
    }

    /// <summary>A straightforward parser: SSE items as strings, one <see cref="JsonDocument"/> per event, navigated with TryGetProperty.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> JsonDocumentPerEvent()
    {
        long textLength = 0;
        long total = 0;
        string? finish = null;
        using var stream = new MemoryStream(_stream, writable: false);
        await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync())
        {
            using JsonDocument doc = JsonDocument.Parse(item.Data);
            JsonElement root = doc.RootElement;
            if (root.TryGetProperty("candidates", out JsonElement candidates) && candidates.GetArrayLength() > 0)
            {
                JsonElement candidate = candidates[0];
                if (candidate.TryGetProperty("content", out JsonElement content) && content.TryGetProperty("parts", out JsonElement parts))
                {
                    foreach (JsonElement part in parts.EnumerateArray())
                    {
                        if (part.TryGetProperty("text", out JsonElement text))
                        {
                            textLength += text.GetString()!.Length;
                        }
                    }
                }

                if (candidate.TryGetProperty("finishReason", out JsonElement reason))
                {
                    finish = reason.GetString();
                }
            }

            if (root.TryGetProperty("usageMetadata", out JsonElement usage) && usage.TryGetProperty("totalTokenCount", out JsonElement t))
            {
                total = t.GetInt32();
            }
        }

        return textLength + total + (finish == "STOP" ? 1 : 0);
    }

    /// <summary>AiOps's SSE item parser (<see cref="GeminiStreamParser"/>) over the same bytes.</summary>
    [Benchmark]
    public async Task<long> AiOpsReader()
    {
        long textLength = 0;
        long total = 0;
        string? finish = null;
        var parser = new GeminiStreamParser();
        using var stream = new MemoryStream(_stream, writable: false);
        await foreach (SseItem<GeminiResponse?> item in SseParser.Create<GeminiResponse?>(stream, parser.Parse).EnumerateAsync())
        {
            if (item.Data is not GeminiResponse chunk)
            {
                continue;
            }

            if (chunk.Candidate is GeminiCandidate candidate)
            {
                foreach (GeminiPart part in candidate.Parts)
                {
                    textLength += part.Text?.Length ?? 0;
                }

                finish = candidate.FinishReason ?? finish;
            }

            total = chunk.Usage?.TotalTokenCount ?? total;
        }

        return textLength + total + (finish == "STOP" ? 1 : 0);
    }

    /// <summary>The whole provider path: <see cref="IChatClient.GetStreamingResponseAsync"/> over an in-memory HTTP answer, producing
    /// <see cref="ChatResponseUpdate"/>s (request building, HTTP plumbing and MEAI objects included).</summary>
    [Benchmark]
    public async Task<long> AiOpsChatClient()
    {
        long textLength = 0;
        long total = 0;
        ChatFinishReason? finish = null;
        await foreach (ChatResponseUpdate update in _client.GetStreamingResponseAsync(_messages))
        {
            foreach (AIContent content in update.Contents)
            {
                if (content is TextContent text)
                {
                    textLength += text.Text.Length;
                }
                else if (content is UsageContent usage)
                {
                    total = usage.Details.TotalTokenCount ?? 0;
                }
            }

            finish = update.FinishReason ?? finish;
        }

        return textLength + total + (finish == ChatFinishReason.Stop ? 1 : 0);
    }

    private sealed class ReplayHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
