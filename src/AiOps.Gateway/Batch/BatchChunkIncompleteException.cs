// Licensed under the MIT License.

using System;

namespace AiOps.Gateway;

/// <summary>A batch chunk could not be finished on this delivery; the queue delivers it again (and, after <c>maxDequeueCount</c>
/// deliveries, moves it to the poison queue).</summary>
public sealed class BatchChunkIncompleteException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="BatchChunkIncompleteException"/> class.</summary>
    public BatchChunkIncompleteException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BatchChunkIncompleteException"/> class.</summary>
    /// <param name="message">Why the chunk is incomplete.</param>
    public BatchChunkIncompleteException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="BatchChunkIncompleteException"/> class.</summary>
    /// <param name="message">Why the chunk is incomplete.</param>
    /// <param name="innerException">The underlying failure.</param>
    public BatchChunkIncompleteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
