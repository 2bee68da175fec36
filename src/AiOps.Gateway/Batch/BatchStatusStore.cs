// Licensed under the MIT License.

using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AiOps.Gateway;

/// <summary>Reads and changes <c>jobs/&lt;id&gt;/status.json</c> with optimistic concurrency (ETag), so chunk processors running at
/// the same time never lose each other's updates.</summary>
internal sealed class BatchStatusStore
{
    private const int MaxAttempts = 50;
    private readonly BatchStorage _storage;
    private readonly TimeProvider _time;

    public BatchStatusStore(BatchStorage storage, TimeProvider time)
    {
        _storage = storage;
        _time = time;
    }

    public static string JobPrefix(string id) => $"jobs/{id}/";

    public static string StatusPath(string id) => $"jobs/{id}/status.json";

    public static string InputPath(string id) => $"jobs/{id}/input.jsonl";

    public static string ChunkPath(string id, int chunk) => $"jobs/{id}/chunks/{chunk}.jsonl";

    public static string PartialPath(string id, int chunk) => $"jobs/{id}/chunks/{chunk}.partial";

    /// <summary>Reads a job's status, or <see langword="null"/> when there is no such job.</summary>
    public async Task<(BatchJobStatus Status, ETag ETag)?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        BlobClient blob = _storage.Container.GetBlobClient(StatusPath(id));
        try
        {
            Response<BlobDownloadResult> result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            BatchJobStatus status = JsonSerializer.Deserialize(result.Value.Content.ToMemory().Span, BatchJsonContext.Default.BatchJobStatus)
                ?? throw new InvalidDataException($"The status of batch job {id} is empty.");
            return (status, result.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes a new job's status; fails when the job already exists.</summary>
    public Task CreateAsync(BatchJobStatus status, CancellationToken cancellationToken) =>
        _storage.Container.GetBlobClient(StatusPath(status.Id)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(status, BatchJsonContext.Default.BatchJobStatus)),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the latest status and writes it back if nothing changed it meanwhile, retrying on conflicts.</summary>
    /// <param name="id">The job.</param>
    /// <param name="change">Changes the status and returns whether anything changed (false skips the write).</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The status as written (or as read, when nothing changed); <see langword="null"/> when the job does not exist.</returns>
    public async Task<BatchJobStatus?> UpdateAsync(string id, Func<BatchJobStatus, bool> change, CancellationToken cancellationToken)
    {
        BlobClient blob = _storage.Container.GetBlobClient(StatusPath(id));
        for (int attempt = 1; ; attempt++)
        {
            (BatchJobStatus Status, ETag ETag)? current = await ReadAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is not { } c)
            {
                return null;
            }

            if (!change(c.Status))
            {
                return c.Status;
            }

            try
            {
                await blob.UploadAsync(
                    BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(c.Status, BatchJsonContext.Default.BatchJobStatus)),
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = c.ETag }, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                    cancellationToken).ConfigureAwait(false);
                return c.Status;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // Another chunk updated the status first: back off a little (jittered) and apply the change to its version.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Recomputes the job state from its chunks.</summary>
    /// <returns>Whether the state changed.</returns>
    public bool Settle(BatchJobStatus status)
    {
        if (status.Status is BatchStates.Completed or BatchStates.Failed || status.Failure is not null)
        {
            return false;
        }

        bool allDone = status.Chunks.TrueForAll(c => c.State != BatchStates.Pending);
        if (!allDone)
        {
            return false;
        }

        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (status.Chunks.Exists(c => c.State == BatchStates.Failed))
        {
            status.Status = BatchStates.Failed;
            status.FailedAt = now;
        }
        else
        {
            status.Status = BatchStates.Completed;
            status.CompletedAt = now;
        }

        return true;
    }
}
