// Licensed under the MIT License.

using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Tests;

/// <summary>Answers every request with a recorded response (status, headers, body bytes) and keeps the requests it saw.
/// For wire vectors the simulator does not produce (an SDK fixture verbatim, a stream that ends without its terminator).</summary>
public sealed class ReplayHttpHandler : HttpMessageHandler
{
    private readonly HttpStatusCode _status;
    private readonly byte[] _body;
    private readonly string _contentType;
    private readonly IReadOnlyDictionary<string, string> _headers;

    public ReplayHttpHandler(string body, string contentType = "text/event-stream", HttpStatusCode status = HttpStatusCode.OK, IReadOnlyDictionary<string, string>? headers = null)
    {
        _body = Encoding.UTF8.GetBytes(body);
        _contentType = contentType;
        _status = status;
        _headers = headers ?? new Dictionary<string, string>();
    }

    /// <summary>Gets the bodies of the requests received.</summary>
    public List<string> RequestBodies { get; } = [];

    /// <summary>Gets the requests received (content already read into <see cref="RequestBodies"/>).</summary>
    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>Gets or sets a value indicating whether the body is delivered one byte per read (trickle).</summary>
    public bool Trickle { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        RequestBodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
        Stream stream = Trickle ? new TrickleStream(_body) : new MemoryStream(_body);
        var response = new HttpResponseMessage(_status) { Content = new StreamContent(stream), RequestMessage = request };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        foreach (KeyValuePair<string, string> header in _headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return response;
    }

    /// <summary>A read-only stream that returns one byte per read.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, count == 0 ? 0 : 1);

        public override int Read(System.Span<byte> buffer) => base.Read(buffer.Length == 0 ? buffer : buffer[..1]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, count == 0 ? 0 : 1, cancellationToken);

        public override ValueTask<int> ReadAsync(System.Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer.Length == 0 ? buffer : buffer[..1], cancellationToken);
    }
}
