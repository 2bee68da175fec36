// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>A batch job's state as stored in <c>jobs/&lt;id&gt;/status.json</c> (snake_case JSON, source-generated).</summary>
internal sealed class BatchJobStatus
{
    /// <summary>The most per-line errors kept in the status; all of them are in the results.</summary>
    public const int MaxErrors = 1000;

    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets <c>validating</c>, <c>in_progress</c>, <c>completed</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = BatchStates.Validating;

    /// <summary>Gets or sets the gateway key name that submitted the job (only it may read the job).</summary>
    public string Owner { get; set; } = string.Empty;

    public long CreatedAt { get; set; }

    public long? InProgressAt { get; set; }

    public long? CompletedAt { get; set; }

    public long? FailedAt { get; set; }

    public string? InputBlob { get; set; }

    public int TotalLines { get; set; }

    public List<BatchChunkState> Chunks { get; set; } = [];

    public List<BatchLineError> Errors { get; set; } = [];

    public bool ErrorsTruncated { get; set; }

    /// <summary>Gets or sets why the whole job failed (for example the enqueue failed), when it did.</summary>
    public string? Failure { get; set; }
}
