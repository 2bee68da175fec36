// Licensed under the MIT License.

using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Tests.Http;

/// <summary>A call cancelled while the body of an error answer is still arriving ends as cancelled, not as an error built from a partial
/// body (a 429 without its body looks like a plain rate limit when it was a quota error). Concurrent batches that cancel each other on
/// the first failure depend on it to report the real failure.</summary>
public sealed class ProviderHttpSenderCancellationTests
{
    private static readonly JsonTypeInfo<JsonElement> ElementInfo = (JsonTypeInfo<JsonElement>)JsonSerializerOptions.Default.GetTypeInfo(typeof(JsonElement));

    [Fact]
    public async Task Cancelling_while_an_error_body_arrives_ends_as_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var handler = new StallingErrorHandler(cts);
        using var http = new HttpClient(handler);
        var context = new AiProviderContext(new TestProvider(), new AiProviderSettings { ApiKey = "sk-test", BaseUrl = new Uri("https://provider.test/") }, http, new AiSecretResolver(), TimeSpan.FromSeconds(100));
        var sender = new ProviderHttpSender(context, new ApiKeyHeaderAuth(context, "Authorization"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sender.SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, "https://provider.test/v1/test") { Content = new StringContent("{}") }, ElementInfo, cts.Token));
    }

    /// <summary>Answers 429 whose body starts, then stalls; the caller's token is cancelled once the headers are out.</summary>
    private sealed class StallingErrorHandler(CancellationTokenSource caller) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StreamContent(new StallingStream(caller)),
                RequestMessage = request,
            };
            return Task.FromResult(response);
        }
    }

    /// <summary>Returns the start of an error body, then cancels the caller and waits for the read to be cancelled.</summary>
    private sealed class StallingStream(CancellationTokenSource caller) : Stream
    {
        private bool _sentStart;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sentStart)
            {
                _sentStart = true;
                byte[] start = "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota"u8.ToArray();
                start.CopyTo(buffer);
                return start.Length;
            }

            await caller.CancelAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
