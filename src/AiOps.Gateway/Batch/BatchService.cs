// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>Submits batch jobs and reports on them (<c>POST /api/batches</c>, <c>GET /api/batches/{id}</c>, <c>GET /api/batches/{id}/results</c>).</summary>
/// <remarks>A submission is validated line by line before anything is stored: any bad line fails the whole submission with 400 and the
/// line numbers, and nothing is enqueued. Jobs belong to the gateway key that submitted them.</remarks>
internal sealed partial class BatchService
{
    private const int MaxListedErrors = 100;
    private readonly BatchStorage? _storage;
    private readonly BatchStatusStore? _status;
    private readonly BatchLineExecutor _lines;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BatchService(BatchStorage? storage, BatchStatusStore? status, BatchLineExecutor lines, GatewayOptions options, TimeProvider time, ILogger<BatchService> logger)
    {
        _storage = storage;
        _status = status;
        _lines = lines;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets whether a storage connection is configured.</summary>
    public bool IsEnabled => _storage is not null;

    public async Task SubmitAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        (BatchStorage storage, BatchStatusStore statusStore) = Require();
        HttpContext context = request.Context;
        using RequestBody body = await RequestBody.ReadAsync(context, _options.MaxBatchBodyBytes, cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<byte> input = body.Memory;
        string? inputBlob = ReadBlobReference(input);
        if (inputBlob is not null && !inputBlob.StartsWith(_options.Batch.InputContainerName + "/", StringComparison.Ordinal))
        {
            throw new GatewayException(GatewayError.BadRequest(
                $"'input_blob' must be in the container '{_options.Batch.InputContainerName}' ({_options.Batch.InputContainerName}/<path>); it was '{inputBlob}'.", "input_blob"));
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (inputBlob is not null)
        {
            input = await DownloadInputAsync(storage, inputBlob, cancellationToken).ConfigureAwait(false);
        }

        (List<BatchLines.Line> lines, List<BatchLineError> errors) = Validate(input, request.Caller);
        if (errors.Count > 0)
        {
            await WriteInvalidAsync(context, errors, cancellationToken).ConfigureAwait(false);
            return;
        }

        string id = "batch_" + Guid.NewGuid().ToString("N");
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        var status = new BatchJobStatus { Id = id, Owner = request.Caller.Name, CreatedAt = now, InputBlob = inputBlob, TotalLines = lines.Count };
        int size = _options.Batch.ChunkSize;
        for (int start = 0, index = 0; start < lines.Count; start += size, index++)
        {
            BatchLines.Line first = lines[start];
            BatchLines.Line last = lines[Math.Min(start + size, lines.Count) - 1];
            status.Chunks.Add(new BatchChunkState
            {
                Index = index,
                FirstLine = first.Number,
                Lines = Math.Min(size, lines.Count - start),
                Offset = first.Offset,
                Length = last.Offset + last.Length - first.Offset,
            });
        }

        await statusStore.CreateAsync(status, cancellationToken).ConfigureAwait(false);
        await storage.Container.GetBlobClient(BatchStatusStore.InputPath(id)).UploadAsync(
            new BinaryData(input), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (BatchChunkState chunk in status.Chunks)
            {
                var message = new BatchChunkMessage { Job = id, Chunk = chunk.Index, Offset = chunk.Offset, Length = chunk.Length, FirstLine = chunk.FirstLine, Lines = chunk.Lines };
                await storage.Queue.SendMessageAsync(JsonSerializer.Serialize(message, BatchJsonContext.Default.BatchChunkMessage), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            // Chunks already enqueued will run; the job is marked failed so nobody waits for the rest.
            await statusStore.UpdateAsync(id, s =>
            {
                s.Status = BatchStates.Failed;
                s.FailedAt = _time.GetUtcNow().ToUnixTimeSeconds();
                s.Failure = "Enqueuing the chunks failed: " + ex.Message;
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        BatchJobStatus? current = await statusStore.UpdateAsync(id, s =>
        {
            if (s.Status != BatchStates.Validating)
            {
                return false;
            }

            s.Status = BatchStates.InProgress;
            s.InProgressAt = _time.GetUtcNow().ToUnixTimeSeconds();
            _ = statusStore.Settle(s);
            return true;
        }, cancellationToken).ConfigureAwait(false);

        LogSubmitted(_logger, id, request.Caller.Name, lines.Count, status.Chunks.Count);
        request.SetResultHeaders(null, null, null);
        context.Response.Headers.Location = "/api/batches/" + id;
        Utf8JsonWriter w = GatewayResponses.BeginJson(context, StatusCodes.Status202Accepted);
        BatchStatusWriter.Write(w, current ?? status);
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    public async Task GetStatusAsync(GatewayRequest request, string id, CancellationToken cancellationToken)
    {
        BatchJobStatus status = await ReadOwnedAsync(request, id, cancellationToken).ConfigureAwait(false);
        request.SetResultHeaders(null, null, null);
        Utf8JsonWriter w = GatewayResponses.BeginJson(request.Context);
        BatchStatusWriter.Write(w, status);
        await GatewayResponses.CompleteJsonAsync(request.Context, w, cancellationToken).ConfigureAwait(false);
    }

    public async Task GetResultsAsync(GatewayRequest request, string id, CancellationToken cancellationToken)
    {
        BatchJobStatus status = await ReadOwnedAsync(request, id, cancellationToken).ConfigureAwait(false);
        (BatchStorage storage, _) = Require();
        HttpContext context = request.Context;
        request.SetResultHeaders(null, null, null);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        context.Response.Headers["x-aiops-batch-status"] = status.Status;
        foreach (BatchChunkState chunk in status.Chunks.Where(c => c.State != BatchStates.Pending).OrderBy(c => c.Index))
        {
            BlobClient blob = storage.Container.GetBlobClient(BatchStatusStore.ChunkPath(id, chunk.Index));
            Response<BlobDownloadStreamingResult> download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using Stream content = download.Value.Content;
            await content.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<BatchJobStatus> ReadOwnedAsync(GatewayRequest request, string id, CancellationToken cancellationToken)
    {
        (_, BatchStatusStore statusStore) = Require();
        if (!IdPattern().IsMatch(id) ||
            await statusStore.ReadAsync(id, cancellationToken).ConfigureAwait(false) is not { } found ||
            !string.Equals(found.Status.Owner, request.Caller.Name, StringComparison.Ordinal))
        {
            // Another key's job is reported exactly like a missing one.
            throw new GatewayException(GatewayError.NotFound($"No batch job '{id}' exists for this gateway key.", "batch_not_found", "id"));
        }

        return found.Status;
    }

    private (BatchStorage Storage, BatchStatusStore Status) Require() =>
        _storage is not null && _status is not null
            ? (_storage, _status)
            : throw new GatewayException(new GatewayError(503, "server_error", "batch_not_configured",
                $"Batch jobs are not available: the gateway has no storage connection ({_options.Batch.Connection})."));

    private (List<BatchLines.Line> Lines, List<BatchLineError> Errors) Validate(ReadOnlyMemory<byte> input, GatewayCaller caller)
    {
        List<BatchLines.Line> lines = BatchLines.Split(input.Span);
        var errors = new List<BatchLineError>();
        if (lines.Count == 0)
        {
            throw new GatewayException(GatewayError.BadRequest("The batch input has no lines. Send OpenAI Batch JSONL: one {\"custom_id\",\"method\",\"url\",\"body\"} object per line.", "input", "invalid_batch_input"));
        }

        if (lines.Count > _options.Batch.MaxLines)
        {
            throw new GatewayException(GatewayError.BadRequest($"The batch input has {lines.Count} lines; a job may have at most {_options.Batch.MaxLines}. Split it.", "input", "invalid_batch_input"));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (BatchLines.Line line in lines)
        {
            try
            {
                string customId = _lines.Validate(input.Slice(line.Offset, line.Length), caller);
                if (seen.TryGetValue(customId, out int firstLine))
                {
                    errors.Add(new BatchLineError { Line = line.Number, CustomId = customId, Code = "duplicate_custom_id", Message = $"custom_id '{customId}' is already used on line {firstLine}." });
                }
                else
                {
                    seen[customId] = line.Number;
                }
            }
            catch (GatewayException ex)
            {
                errors.Add(new BatchLineError
                {
                    Line = line.Number,
                    CustomId = BatchLineExecutor.TryReadCustomId(input.Slice(line.Offset, line.Length)),
                    Code = ex.Error.Code,
                    Message = ex.Error.Message,
                });
            }
        }

        return (lines, errors);
    }

    private static async Task WriteInvalidAsync(HttpContext context, List<BatchLineError> errors, CancellationToken cancellationToken)
    {
        string numbers = string.Join(", ", errors.Take(MaxListedErrors).Select(e => e.Line));
        string message = $"{errors.Count} line(s) of the batch input are invalid: {numbers}{(errors.Count > MaxListedErrors ? ", …" : string.Empty)}. Nothing was stored or enqueued; fix them and submit again.";
        Utf8JsonWriter w = GatewayResponses.BeginJson(context, StatusCodes.Status400BadRequest);
        w.WriteStartObject();
        GatewayResponses.WriteErrorObject(w, GatewayError.BadRequest(message, "input", "invalid_batch_input"));
        w.WritePropertyName("lines"u8);
        w.WriteStartArray();
        foreach (BatchLineError e in errors.Take(MaxListedErrors))
        {
            BatchStatusWriter.WriteLineError(w, e);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await GatewayResponses.CompleteJsonAsync(context, w, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>{"input_blob":"container/path.jsonl"}</c>; any other body is JSONL.</summary>
    private static string? ReadBlobReference(ReadOnlyMemory<byte> body)
    {
        ReadOnlySpan<byte> span = body.Span.TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] != (byte)'{' || span.IndexOf("\"input_blob\""u8) < 0)
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("input_blob", out JsonElement blob))
            {
                return null;
            }

            // One JSON object with input_blob is a reference, not a one-line batch (a batch line has custom_id).
            if (doc.RootElement.TryGetProperty("custom_id", out _))
            {
                return null;
            }

            string path = blob.ValueKind == JsonValueKind.String ? blob.GetString()! : throw JsonRead.Type("input_blob", "a string: <container>/<path> in the gateway's storage account");
            if (!BlobPathPattern().IsMatch(path) || path.Contains("..", StringComparison.Ordinal) || path.Contains("//", StringComparison.Ordinal))
            {
                throw new GatewayException(GatewayError.BadRequest(
                    $"'input_blob' must be <container>/<path> inside the gateway's own storage account (no URLs, no '..'); it was '{path}'.", "input_blob"));
            }

            return path;
        }
        catch (JsonException)
        {
            // Not a single JSON document: JSONL with several lines.
            return null;
        }
    }

    private async Task<ReadOnlyMemory<byte>> DownloadInputAsync(BatchStorage storage, string path, CancellationToken cancellationToken)
    {
        int slash = path.IndexOf('/', StringComparison.Ordinal);
        BlobClient blob = storage.Container.GetParentBlobServiceClient().GetBlobContainerClient(path[..slash]).GetBlobClient(path[(slash + 1)..]);
        try
        {
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (properties.ContentLength > _options.MaxBatchBodyBytes)
            {
                throw new GatewayException(GatewayError.TooLarge(_options.MaxBatchBodyBytes));
            }

            Response<BlobDownloadResult> download = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 403)
        {
            throw new GatewayException(GatewayError.BadRequest($"The input blob '{path}' was not found in the gateway's storage account (HTTP {ex.Status}).", "input_blob"));
        }
    }

    [GeneratedRegex("^batch_[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])?/[^\\\\?#]+$")]
    private static partial Regex BlobPathPattern();

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "Batch {Job} submitted by key '{Owner}': {Lines} lines in {Chunks} chunks.")]
    private static partial void LogSubmitted(ILogger logger, string job, string owner, int lines, int chunks);
}
