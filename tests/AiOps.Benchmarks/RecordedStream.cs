// Licensed under the MIT License.

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Benchmarks;

/// <summary>A recorded SSE body (embedded from <c>Data/</c>) and an <see cref="HttpMessageHandler"/> that replays it from memory, so a
/// benchmark measures the client's own work: request building, HTTP plumbing and stream parsing, with no network.</summary>
public sealed class RecordedStream : HttpMessageHandler
{
    private readonly byte[] _body;

    private RecordedStream(byte[] body) => _body = body;

    /// <summary>Gets the recorded bytes.</summary>
    public ReadOnlyMemory<byte> Body => _body;

    /// <summary>Loads an embedded recording.</summary>
    public static RecordedStream Load(string name)
    {
        using Stream resource = typeof(RecordedStream).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The recording '{name}' is not embedded (Data/*.sse).");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return new RecordedStream(copy.ToArray());
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(new MemoryStream(_body, writable: false));
        content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream; charset=utf-8");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.TryAddWithoutValidation("request-id", "req_011Bench");
        return Task.FromResult(response);
    }
}
