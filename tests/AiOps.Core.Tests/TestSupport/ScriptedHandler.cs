// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Tests;

/// <summary>Answers every request with fixed bytes: used to replay recorded wire transcripts (the wire-formats §8 vectors) byte for byte.
/// Records each request's URL, headers and body.</summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, byte[]> _body;

    public ScriptedHandler(string body, string contentType = "application/json", HttpStatusCode status = HttpStatusCode.OK)
        : this(_ => Encoding.UTF8.GetBytes(body), contentType, status)
    {
    }

    public ScriptedHandler(Func<HttpRequestMessage, byte[]> body, string contentType = "application/json", HttpStatusCode status = HttpStatusCode.OK)
    {
        _body = body;
        ContentType = contentType;
        Status = status;
    }

    public string ContentType { get; }

    public HttpStatusCode Status { get; }

    public Dictionary<string, string> ResponseHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<(Uri Uri, HttpRequestHeaders Headers, string Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.RequestUri!, request.Headers, body));
        }

        var response = new HttpResponseMessage(Status) { Content = new ByteArrayContent(_body(request)), RequestMessage = request };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        foreach (KeyValuePair<string, string> h in ResponseHeaders)
        {
            _ = response.Headers.TryAddWithoutValidation(h.Key, h.Value);
        }

        return response;
    }
}
