// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>Processes batch chunks from the <c>aiops-batch</c> queue, and gives up on chunks that reach the poison queue.</summary>
/// <remarks>
/// <para>Idempotent: a chunk's results blob (<c>jobs/&lt;id&gt;/chunks/&lt;n&gt;.jsonl</c>) is written once, with <c>If-None-Match: *</c>;
/// a redelivered message that finds it only makes sure the status counts it, and calls no provider.</para>
/// <para>Lines run with bounded concurrency through the full AiOps pipeline (retries included). A line that still fails with a transient
/// error fails the chunk (the queue retries it later, after host.json's <c>visibilityTimeout</c>); the lines already answered are kept in
/// <c>chunks/&lt;n&gt;.partial</c> and are not sent again. A chunk that exhausts <c>maxDequeueCount</c> lands in <c>aiops-batch-poison</c>,
/// where <see cref="ProcessPoisonAsync"/> writes its results (answers kept, the rest as errors) and marks it failed: nothing is dropped.</para>
/// </remarks>
public sealed partial class BatchChunkProcessor
{
    private readonly BatchStorage? _storage;
    private readonly BatchStatusStore? _status;
    private readonly BatchLineExecutor _executor;
    private readonly BatchOptions _options;
    private readonly ILogger _logger;

    internal BatchChunkProcessor(BatchStorage? storage, BatchStatusStore? status, BatchLineExecutor executor, GatewayOptions options, ILogger<BatchChunkProcessor> logger)
    {
        _storage = storage;
        _status = status;
        _executor = executor;
        _options = options.Batch;
        _logger = logger;
    }

    /// <summary>Processes one chunk message (the queue trigger's message text, already Base64-decoded).</summary>
    /// <param name="message">The chunk message JSON.</param>
    /// <param name="dequeueCount">How many times the message has been delivered (for logs).</param>
    /// <param name="cancellationToken">Cancels the work; the message is then retried.</param>
    /// <returns>A task that completes when the chunk's results are written.</returns>
    /// <exception cref="BatchChunkIncompleteException">Some lines failed transiently; the queue must deliver the message again.</exception>
    public async Task ProcessAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        (BatchStorage storage, BatchStatusStore statusStore) = Require();
        BatchChunkMessage chunk = Parse(message);
        BlobClient results = storage.Container.GetBlobClient(BatchStatusStore.ChunkPath(chunk.Job, chunk.Chunk));
        if (await results.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            LogAlreadyDone(_logger, chunk.Job, chunk.Chunk, dequeueCount);
            await ReconcileAsync(chunk, results, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await statusStore.ReadAsync(chunk.Job, cancellationToken).ConfigureAwait(false) is null)
        {
            LogJobMissing(_logger, chunk.Job, chunk.Chunk);
            return;
        }

        (ReadOnlyMemory<byte> input, List<BatchLines.Line> lines) = await ReadChunkAsync(storage, chunk, cancellationToken).ConfigureAwait(false);
        ConcurrentDictionary<int, PartialLine> done = await ReadPartialAsync(storage, chunk, cancellationToken).ConfigureAwait(false);
        List<BatchLines.Line> todo = lines.Where(l => !done.TryGetValue(l.Number, out PartialLine p) || p.Transient).ToList();
        LogProcessing(_logger, chunk.Job, chunk.Chunk, todo.Count, lines.Count, dequeueCount);

        await Parallel.ForEachAsync(
            todo,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
            async (line, ct) =>
            {
                LineOutcome outcome = await _executor.ExecuteAsync(chunk.Job, line.Number, input.Slice(line.Offset, line.Length), ct).ConfigureAwait(false);
                done[line.Number] = new PartialLine(outcome.Transient, outcome.OutputJson);
            }).ConfigureAwait(false);

        int transient = done.Values.Count(p => p.Transient);
        if (transient > 0)
        {
            await WritePartialAsync(storage, chunk, done, cancellationToken).ConfigureAwait(false);
            throw new BatchChunkIncompleteException(
                $"{transient} of {lines.Count} lines of chunk {chunk.Chunk} of batch {chunk.Job} failed with transient errors; the chunk will be retried (the other lines are kept).");
        }

        await FinishAsync(storage, chunk, lines, done, BatchStates.Completed, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives up on a chunk from the poison queue: writes its results (answers kept, other lines as errors) and marks it failed.</summary>
    /// <param name="message">The chunk message JSON from <c>aiops-batch-poison</c>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the chunk is recorded as failed.</returns>
    public async Task ProcessPoisonAsync(string message, CancellationToken cancellationToken)
    {
        (BatchStorage storage, _) = Require();
        BatchChunkMessage chunk;
        try
        {
            chunk = Parse(message);
        }
        catch (BatchChunkIncompleteException ex)
        {
            // A message that is not a chunk cannot be attributed to a job; log it loudly rather than loop.
            LogPoisonUnreadable(_logger, ex.Message);
            return;
        }

        BlobClient results = storage.Container.GetBlobClient(BatchStatusStore.ChunkPath(chunk.Job, chunk.Chunk));
        if (await results.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await ReconcileAsync(chunk, results, cancellationToken).ConfigureAwait(false);
            return;
        }

        (ReadOnlyMemory<byte> input, List<BatchLines.Line> lines) = await ReadChunkAsync(storage, chunk, cancellationToken).ConfigureAwait(false);
        ConcurrentDictionary<int, PartialLine> done = await ReadPartialAsync(storage, chunk, cancellationToken).ConfigureAwait(false);
        string reason = $"Chunk {chunk.Chunk} failed on every delivery and was moved to the poison queue '{_options.PoisonQueueName}'; this line did not get an answer.";
        foreach (BatchLines.Line line in lines)
        {
            if (!done.ContainsKey(line.Number))
            {
                string? customId = BatchLineExecutor.TryReadCustomId(input.Slice(line.Offset, line.Length));
                done[line.Number] = new PartialLine(false, BatchLineExecutor.NotRun(chunk.Job, line.Number, customId, reason).OutputJson);
            }
        }

        LogPoisoned(_logger, chunk.Job, chunk.Chunk);
        await FinishAsync(storage, chunk, lines, done, BatchStates.Failed,
            $"Moved to '{_options.PoisonQueueName}' after failing on every delivery; lines without an answer are reported as errors.", cancellationToken).ConfigureAwait(false);
    }

    private (BatchStorage Storage, BatchStatusStore Status) Require() =>
        _storage is not null && _status is not null
            ? (_storage, _status)
            : throw new AiException(AiErrorKind.InvalidConfiguration, $"Batch jobs need storage: set {_options.Connection} (a connection string, or {_options.Connection}__blobServiceUri and __queueServiceUri).");

    private static BatchChunkMessage Parse(string message)
    {
        try
        {
            BatchChunkMessage? chunk = JsonSerializer.Deserialize(message, BatchJsonContext.Default.BatchChunkMessage);
            if (chunk is { Job.Length: > 0, Lines: > 0, Length: > 0 })
            {
                return chunk;
            }
        }
        catch (JsonException)
        {
        }

        throw new BatchChunkIncompleteException("The queue message is not an AiOps batch chunk (expected JSON with job, chunk, offset, length, first_line and lines).");
    }

    private static async Task<(ReadOnlyMemory<byte> Input, List<BatchLines.Line> Lines)> ReadChunkAsync(BatchStorage storage, BatchChunkMessage chunk, CancellationToken cancellationToken)
    {
        BlobClient input = storage.Container.GetBlobClient(BatchStatusStore.InputPath(chunk.Job));
        Response<BlobDownloadResult> download = await input.DownloadContentAsync(
            new BlobDownloadOptions { Range = new HttpRange(chunk.Offset, chunk.Length) }, cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<byte> data = download.Value.Content.ToMemory();
        List<BatchLines.Line> lines = BatchLines.Split(data.Span, chunk.FirstLine);
        if (lines.Count != chunk.Lines)
        {
            throw new BatchChunkIncompleteException($"Chunk {chunk.Chunk} of batch {chunk.Job} should have {chunk.Lines} lines but its input range has {lines.Count}.");
        }

        return (data, lines);
    }

    private static async Task<ConcurrentDictionary<int, PartialLine>> ReadPartialAsync(BatchStorage storage, BatchChunkMessage chunk, CancellationToken cancellationToken)
    {
        var done = new ConcurrentDictionary<int, PartialLine>();
        BlobClient partial = storage.Container.GetBlobClient(BatchStatusStore.PartialPath(chunk.Job, chunk.Chunk));
        try
        {
            Response<BlobDownloadResult> download = await partial.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            foreach (string row in download.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // <line>\t<T|F>\t<output json>
                string[] parts = row.Split('\t', 3);
                if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int number))
                {
                    done[number] = new PartialLine(parts[1] == "T", parts[2]);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return done;
    }

    private static Task WritePartialAsync(BatchStorage storage, BatchChunkMessage chunk, ConcurrentDictionary<int, PartialLine> done, CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        foreach (KeyValuePair<int, PartialLine> pair in done.OrderBy(p => p.Key))
        {
            sb.Append(pair.Key.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(pair.Value.Transient ? 'T' : 'F').Append('\t').Append(pair.Value.Json).Append('\n');
        }

        return storage.Container.GetBlobClient(BatchStatusStore.PartialPath(chunk.Job, chunk.Chunk)).UploadAsync(BinaryData.FromString(sb.ToString()), overwrite: true, cancellationToken);
    }

    private async Task FinishAsync(
        BatchStorage storage,
        BatchChunkMessage chunk,
        List<BatchLines.Line> lines,
        ConcurrentDictionary<int, PartialLine> done,
        string state,
        string? chunkError,
        CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        foreach (BatchLines.Line line in lines)
        {
            output.Append(done[line.Number].Json).Append('\n');
        }

        BlobClient results = storage.Container.GetBlobClient(BatchStatusStore.ChunkPath(chunk.Job, chunk.Chunk));
        try
        {
            await results.UploadAsync(
                BinaryData.FromString(output.ToString()),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                    Metadata = new Dictionary<string, string> { ["state"] = state },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another delivery of this chunk wrote the results first: keep its results, never write twice.
            LogAlreadyDone(_logger, chunk.Job, chunk.Chunk, 0);
            await ReconcileAsync(chunk, results, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RecordAsync(chunk, state, chunkError, lines.Select(l => (l.Number, done[l.Number].Json)).ToList(), cancellationToken).ConfigureAwait(false);
        await storage.Container.GetBlobClient(BatchStatusStore.PartialPath(chunk.Job, chunk.Chunk)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes sure the status counts a chunk whose results blob exists (a crash may have happened between the two writes).</summary>
    private async Task ReconcileAsync(BatchChunkMessage chunk, BlobClient results, CancellationToken cancellationToken)
    {
        Response<BlobDownloadResult> download = await results.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        string state = download.Value.Details.Metadata.TryGetValue("state", out string? s) ? s : BatchStates.Completed;
        string[] rows = download.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var numbered = new List<(int, string)>(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            numbered.Add((chunk.FirstLine + i, rows[i]));
        }

        await RecordAsync(chunk, state, state == BatchStates.Failed ? "Moved to the poison queue." : null, numbered, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordAsync(BatchChunkMessage chunk, string state, string? chunkError, List<(int Line, string Json)> outputs, CancellationToken cancellationToken)
    {
        var errors = new List<BatchLineError>();
        int failed = 0;
        foreach ((int line, string json) in outputs)
        {
            if (ReadError(json) is BatchLineError error)
            {
                failed++;
                error.Line = line;
                errors.Add(error);
            }
        }

        await _status!.UpdateAsync(chunk.Job, status =>
        {
            BatchChunkState? entry = status.Chunks.Find(c => c.Index == chunk.Chunk);
            if (entry is null || entry.State != BatchStates.Pending)
            {
                return false;
            }

            entry.State = state;
            entry.Succeeded = outputs.Count - failed;
            entry.Failed = failed;
            entry.Error = chunkError;
            foreach (BatchLineError e in errors)
            {
                if (status.Errors.Count >= BatchJobStatus.MaxErrors)
                {
                    status.ErrorsTruncated = true;
                    break;
                }

                status.Errors.Add(e);
            }

            _ = _status.Settle(status);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static BatchLineError? ReadError(string outputJson)
    {
        using JsonDocument doc = JsonDocument.Parse(outputJson);
        JsonElement root = doc.RootElement;
        if (!root.TryGetProperty("error", out JsonElement error) || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new BatchLineError
        {
            CustomId = root.TryGetProperty("custom_id", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null,
            Code = error.TryGetProperty("code", out JsonElement code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
            Message = error.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? string.Empty : string.Empty,
        };
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Batch {Job} chunk {Chunk}: results already written; nothing to do (delivery {DequeueCount}).")]
    private static partial void LogAlreadyDone(ILogger logger, string job, int chunk, long dequeueCount);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Batch {Job} chunk {Chunk}: the job does not exist (deleted?); the message is dropped.")]
    private static partial void LogJobMissing(ILogger logger, string job, int chunk);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Batch {Job} chunk {Chunk}: running {Todo} of {Lines} lines (delivery {DequeueCount}).")]
    private static partial void LogProcessing(ILogger logger, string job, int chunk, int todo, int lines, long dequeueCount);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Error, Message = "Batch {Job} chunk {Chunk} reached the poison queue; it is marked failed and its unanswered lines are reported as errors.")]
    private static partial void LogPoisoned(ILogger logger, string job, int chunk);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Critical, Message = "A poison-queue message is not an AiOps batch chunk and cannot be attributed to a job: {Reason}")]
    private static partial void LogPoisonUnreadable(ILogger logger, string reason);

    private readonly record struct PartialLine(bool Transient, string Json);
}
