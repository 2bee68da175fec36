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

/// <summary>A line that failed, as listed in the status.</summary>
internal sealed class BatchLineError
{
    public int Line { get; set; }

    public string? CustomId { get; set; }

    public string? Code { get; set; }

    public string Message { get; set; } = string.Empty;
}

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

/// <summary>Job and chunk states.</summary>
internal static class BatchStates
{
    public const string Validating = "validating";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Pending = "pending";
}
