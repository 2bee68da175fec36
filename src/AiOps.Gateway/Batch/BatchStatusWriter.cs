// Licensed under the MIT License.

using System.Linq;
using System.Text.Json;

namespace AiOps.Gateway;

/// <summary>Writes a job's status as the API returns it (OpenAI Batch-like: <c>status</c>, <c>request_counts</c>, plus chunks and line errors).</summary>
internal static class BatchStatusWriter
{
    public static void Write(Utf8JsonWriter w, BatchJobStatus status)
    {
        int completed = status.Chunks.Sum(c => c.Succeeded);
        int failed = status.Chunks.Sum(c => c.Failed);
        w.WriteStartObject();
        w.WriteString("id"u8, status.Id);
        w.WriteString("object"u8, "batch"u8);
        w.WriteString("status"u8, status.Status);
        w.WriteNumber("created_at"u8, status.CreatedAt);
        WriteTime(w, "in_progress_at"u8, status.InProgressAt);
        WriteTime(w, "completed_at"u8, status.CompletedAt);
        WriteTime(w, "failed_at"u8, status.FailedAt);
        if (status.InputBlob is not null)
        {
            w.WriteString("input_blob"u8, status.InputBlob);
        }

        w.WritePropertyName("request_counts"u8);
        w.WriteStartObject();
        w.WriteNumber("total"u8, status.TotalLines);
        w.WriteNumber("completed"u8, completed);
        w.WriteNumber("failed"u8, failed);
        w.WriteEndObject();
        w.WritePropertyName("chunks"u8);
        w.WriteStartObject();
        w.WriteNumber("total"u8, status.Chunks.Count);
        w.WriteNumber("completed"u8, status.Chunks.Count(c => c.State == BatchStates.Completed));
        w.WriteNumber("failed"u8, status.Chunks.Count(c => c.State == BatchStates.Failed));
        w.WriteNumber("pending"u8, status.Chunks.Count(c => c.State == BatchStates.Pending));
        w.WriteEndObject();
        w.WritePropertyName("failed_chunks"u8);
        w.WriteStartArray();
        foreach (BatchChunkState chunk in status.Chunks.Where(c => c.State == BatchStates.Failed))
        {
            w.WriteStartObject();
            w.WriteNumber("chunk"u8, chunk.Index);
            w.WriteNumber("first_line"u8, chunk.FirstLine);
            w.WriteNumber("lines"u8, chunk.Lines);
            w.WriteString("error"u8, chunk.Error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("errors"u8);
        w.WriteStartObject();
        w.WriteString("object"u8, "list"u8);
        w.WriteBoolean("truncated"u8, status.ErrorsTruncated);
        w.WritePropertyName("data"u8);
        w.WriteStartArray();
        foreach (BatchLineError e in status.Errors.OrderBy(e => e.Line))
        {
            WriteLineError(w, e);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        if (status.Failure is not null)
        {
            w.WriteString("failure"u8, status.Failure);
        }

        w.WriteString("results_url"u8, $"/api/batches/{status.Id}/results");
        w.WriteEndObject();
    }

    public static void WriteLineError(Utf8JsonWriter w, BatchLineError e)
    {
        w.WriteStartObject();
        w.WriteNumber("line"u8, e.Line);
        w.WriteString("custom_id"u8, e.CustomId);
        w.WriteString("code"u8, e.Code);
        w.WriteString("message"u8, e.Message);
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, System.ReadOnlySpan<byte> name, long? value)
    {
        if (value is long v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
