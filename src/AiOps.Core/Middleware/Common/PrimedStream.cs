// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>A stream opened up to its first update. Resilience layers run their policy around <see cref="OpenAsync"/> only, so a stream
/// is retried, timed out, failed over and circuit-checked before its first chunk reaches the caller and never after.</summary>
internal sealed class PrimedStream : IAsyncDisposable
{
    private PrimedStream(IAsyncEnumerator<ChatResponseUpdate> enumerator, ChatResponseUpdate? first)
    {
        Enumerator = enumerator;
        First = first;
    }

    /// <summary>Gets the enumerator, positioned on <see cref="First"/>.</summary>
    public IAsyncEnumerator<ChatResponseUpdate> Enumerator { get; }

    /// <summary>Gets the first update, or <see langword="null"/> when the stream was empty.</summary>
    public ChatResponseUpdate? First { get; }

    /// <summary>Starts the stream and reads its first update; on failure the enumerator is disposed and the error propagates.</summary>
    /// <param name="source">The stream.</param>
    /// <param name="cancellationToken">The token the stream is enumerated with for its whole life.</param>
    public static async ValueTask<PrimedStream> OpenAsync(IAsyncEnumerable<ChatResponseUpdate> source, CancellationToken cancellationToken)
    {
        IAsyncEnumerator<ChatResponseUpdate> enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            bool any = await enumerator.MoveNextAsync();
            return new PrimedStream(enumerator, any ? enumerator.Current : null);
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Enumerator.DisposeAsync();
}
