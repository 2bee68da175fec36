// Licensed under the MIT License.

using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps;

/// <summary>A serialized JSON request body in a buffer rented from <see cref="ArrayPool{T}"/>, sent by any number of attempts and
/// returned to the pool once the owner and every <see cref="HttpContent"/> made from it are done with it.</summary>
/// <remarks><para>Reference counted: the owner holds one reference (released by <see cref="Dispose"/>), each content one more (released
/// when it is disposed), and a write in progress one more. The buffer therefore never goes back to the pool while a handler may still
/// be copying it, even if the request message was disposed first.</para>
/// <para>This type is thread-safe.</para></remarks>
internal sealed class OpenAIRequestBody : IDisposable
{
    private byte[]? _buffer;
    private int _references = 1;

    private OpenAIRequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>Gets the body's length in bytes.</summary>
    public int Length { get; }

    /// <summary>Gets the body (valid until the last reference is released).</summary>
    public ReadOnlySpan<byte> Span => (Volatile.Read(ref _buffer) ?? throw new ObjectDisposedException(nameof(OpenAIRequestBody))).AsSpan(0, Length);

    /// <summary>Copies <paramref name="json"/> into a rented buffer.</summary>
    public static OpenAIRequestBody Copy(ReadOnlySpan<byte> json)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length, 1));
        json.CopyTo(buffer);
        return new OpenAIRequestBody(buffer, json.Length);
    }

    /// <summary>Creates an <c>application/json</c> content over the body for one attempt.</summary>
    public HttpContent CreateContent()
    {
        AddReference();
        var content = new Content(this);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Writes the body to a stream (benchmarks and diagnostics).</summary>
    public void WriteTo(Stream stream) => stream.Write(Span);

    /// <summary>Releases the owner's reference.</summary>
    public void Dispose() => Release();

    private void AddReference()
    {
        int current;
        do
        {
            current = Volatile.Read(ref _references);
            if (current <= 0)
            {
                throw new ObjectDisposedException(nameof(OpenAIRequestBody));
            }
        }
        while (Interlocked.CompareExchange(ref _references, current + 1, current) != current);
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0 && Interlocked.Exchange(ref _buffer, null) is byte[] buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One attempt's view of the body.</summary>
    private sealed class Content : HttpContent
    {
        private OpenAIRequestBody? _body;

        public Content(OpenAIRequestBody body) => _body = body;

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            OpenAIRequestBody body = Volatile.Read(ref _body) ?? throw new ObjectDisposedException(nameof(Content));
            body.AddReference();
            try
            {
                await stream.WriteAsync(body._buffer.AsMemory(0, body.Length), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                body.Release();
            }
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            OpenAIRequestBody body = Volatile.Read(ref _body) ?? throw new ObjectDisposedException(nameof(Content));
            body.AddReference();
            try
            {
                stream.Write(body._buffer.AsSpan(0, body.Length));
            }
            finally
            {
                body.Release();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body?.Length ?? 0;
            return _body is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Interlocked.Exchange(ref _body, null)?.Release();
            }

            base.Dispose(disposing);
        }
    }
}
