// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>Builds Gemini clients against the simulator (or a canned answer) and reads back what they sent.</summary>
internal static class GeminiTestHost
{
    public const string Key = "test-gemini-key-0123";

    private static readonly HttpClient Shared = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static AiProviderContext Context(Uri baseUrl, string simKey, Action<AiProviderSettings>? configure = null, HttpClient? http = null, TimeProvider? time = null)
    {
        var settings = new AiProviderSettings { ApiKey = Key, BaseUrl = baseUrl };
        settings.Headers["x-sim-key"] = simKey;
        configure?.Invoke(settings);
        return new AiProviderContext(new GeminiProvider(), settings, http ?? Shared, new AiSecretResolver(), TimeSpan.FromSeconds(30), time);
    }

    public static IChatClient Chat(SimulatorFixture sim, string simKey, Action<AiProviderSettings>? configure = null) =>
        new GeminiProvider().CreateChatClient(Context(sim.BaseAddress, simKey, configure));

    public static IEmbeddingGenerator<string, Embedding<float>> Embeddings(SimulatorFixture sim, string simKey, Action<AiProviderSettings>? configure = null) =>
        new GeminiProvider().CreateEmbeddingGenerator(Context(sim.BaseAddress, simKey, configure));

    /// <summary>A chat client whose HTTP calls get <paramref name="body"/> back (status 200 unless given), for recorded transcripts.</summary>
    public static IChatClient Replay(string body, string contentType = "text/event-stream", HttpStatusCode status = HttpStatusCode.OK)
    {
        var http = new HttpClient(new CannedHandler(body, contentType, status));
        return new GeminiProvider().CreateChatClient(Context(new Uri("https://generativelanguage.googleapis.com"), "replay", http: http));
    }

    /// <summary>A chat client whose streamed answer delivers <paramref name="prefix"/> and then fails as a reset connection does.</summary>
    public static IChatClient ReplayThenReset(string prefix)
    {
        var http = new HttpClient(new ResettingHandler(prefix));
        return new GeminiProvider().CreateChatClient(Context(new Uri("https://generativelanguage.googleapis.com"), "reset", http: http));
    }

    /// <summary>A chat client whose HTTP handler fails the test if anything is sent (for bad-input tests).</summary>
    public static IChatClient NeverSends()
    {
        var http = new HttpClient(new CannedHandler(null, "application/json", HttpStatusCode.OK));
        return new GeminiProvider().CreateChatClient(Context(new Uri("https://generativelanguage.googleapis.com"), "never", http: http));
    }

    public static IReadOnlyList<RecordedRequest> Requests(SimulatorFixture sim, string simKey) =>
        sim.Host.State.Requests.Where(r => r.Headers.TryGetValue("x-sim-key", out string? k) && k == simKey).ToList();

    public static RecordedRequest Single(SimulatorFixture sim, string simKey) => Assert.Single(Requests(sim, simKey));

    public static string NewKey() => "gem-" + Guid.NewGuid().ToString("N");

    /// <summary>Turns single quotes into double quotes, so expected JSON reads well in C#.</summary>
    public static string J(string json) => json.Replace('\'', '"');

    private sealed class ResettingHandler(string prefix) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new ResettingStream(Encoding.UTF8.GetBytes(prefix)));
            content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    /// <summary>Returns its bytes, then throws <see cref="System.IO.IOException"/> like a socket whose peer reset the connection.</summary>
    private sealed class ResettingStream(byte[] data) : System.IO.Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= data.Length)
            {
                throw new System.IO.IOException("Unable to read data from the transport connection: Connection reset by peer.");
            }

            int n = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, System.IO.SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CannedHandler(string? body, string contentType, HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (body is null)
            {
                throw new InvalidOperationException("The request should have failed before anything was sent.");
            }

            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content, RequestMessage = request });
        }
    }
}
