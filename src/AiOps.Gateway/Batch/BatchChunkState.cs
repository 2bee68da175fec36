// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>One chunk: its place in the input and what became of it.</summary>
internal sealed class BatchChunkState
{
    public int Index { get; set; }

    public int FirstLine { get; set; }

    public int Lines { get; set; }

    public long Offset { get; set; }

    public long Length { get; set; }

    /// <summary>Gets or sets <c>pending</c>, <c>completed</c> or <c>failed</c> (moved to the poison queue).</summary>
    public string State { get; set; } = BatchStates.Pending;

    public int Succeeded { get; set; }

    public int Failed { get; set; }

    public string? Error { get; set; }
}
