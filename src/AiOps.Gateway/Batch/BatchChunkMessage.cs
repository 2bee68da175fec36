// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>The work item on the queue: one chunk of a job's input.</summary>
internal sealed class BatchChunkMessage
{
    public string Job { get; set; } = string.Empty;

    public int Chunk { get; set; }

    public long Offset { get; set; }

    public long Length { get; set; }

    public int FirstLine { get; set; }

    public int Lines { get; set; }
}
