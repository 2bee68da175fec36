// Licensed under the MIT License.

using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Benchmarks;

/// <summary>Answers every request with the same recorded bytes, after draining the request body (so a client that serializes
/// lazily pays for it too). Both clients under comparison go through this same handler.</summary>
public sealed class ReplayHandler : HttpMessageHandler
{
    private readonly byte[] _body;
    private readonly string _contentType;

    public ReplayHandler(byte[] body, string contentType)
    {
        _body = body;
        _contentType = contentType;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(_body), RequestMessage = request };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(_contentType);
        return response;
    }
}
