// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>Runs batch chunks in the local host, doing what the Functions host's queue trigger does in Azure: receive with a
/// visibility timeout, call <see cref="BatchChunkProcessor"/>, delete on success, make the message visible again after
/// <see cref="BatchOptions.RetryDelay"/> on failure, and move it to <c>aiops-batch-poison</c> once it has been delivered
/// <see cref="BatchOptions.MaxDequeueCount"/> times; poison messages go to <see cref="BatchChunkProcessor.ProcessPoisonAsync"/>.</summary>
/// <remarks>Not used in Azure Functions, where the host's queue listener and poison handling apply (host.json <c>extensions.queues</c>).</remarks>
public sealed partial class BatchQueueWorker : BackgroundService
{
    private const int BatchSize = 16;
    private readonly BatchStorage? _storage;
    private readonly BatchChunkProcessor _processor;
    private readonly BatchOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal BatchQueueWorker(BatchStorage? storage, BatchChunkProcessor processor, GatewayOptions options, TimeProvider time, ILogger<BatchQueueWorker> logger)
    {
        _storage = storage;
        _processor = processor;
        _options = options.Batch;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_storage is null)
        {
            LogDisabled(_logger, _options.Connection);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                LogStorageError(_logger, ex.Status, ex.ErrorCode);
                worked = false;
            }

            if (!worked)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Receives and handles one round of messages from the poison queue and the work queue.</summary>
    /// <returns>Whether any message was handled.</returns>
    internal async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        BatchStorage storage = _storage ?? throw new InvalidOperationException("Batch storage is not configured.");
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        bool worked = false;

        QueueMessage[] poison = (await storage.PoisonQueue.ReceiveMessagesAsync(BatchSize, _options.ProcessingTimeout, cancellationToken).ConfigureAwait(false)).Value;
        foreach (QueueMessage message in poison)
        {
            worked = true;
            await _processor.ProcessPoisonAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
            await storage.PoisonQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }

        QueueMessage[] messages = (await storage.Queue.ReceiveMessagesAsync(BatchSize, _options.ProcessingTimeout, cancellationToken).ConfigureAwait(false)).Value;
        if (messages.Length > 0)
        {
            worked = true;
            var tasks = new List<Task>(messages.Length);
            foreach (QueueMessage message in messages)
            {
                tasks.Add(HandleAsync(storage, message, cancellationToken));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        return worked;
    }

    private async Task HandleAsync(BatchStorage storage, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _processor.ProcessAsync(message.MessageText, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            await storage.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= _options.MaxDequeueCount)
            {
                LogPoisoning(_logger, message.MessageId, message.DequeueCount, ex.Message);
                await storage.PoisonQueue.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
                await storage.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                LogRetrying(_logger, message.MessageId, message.DequeueCount, ex.Message);
                await storage.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _options.RetryDelay, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 6501, Level = LogLevel.Information, Message = "Batch worker is off: no storage connection ({Connection}).")]
    private static partial void LogDisabled(ILogger logger, string connection);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "Batch message {MessageId} failed on delivery {DequeueCount}; it will be retried. {Reason}")]
    private static partial void LogRetrying(ILogger logger, string messageId, long dequeueCount, string reason);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Error, Message = "Batch message {MessageId} failed on delivery {DequeueCount}, the last allowed; moving it to the poison queue. {Reason}")]
    private static partial void LogPoisoning(ILogger logger, string messageId, long dequeueCount, string reason);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Warning, Message = "Batch worker storage error: HTTP {Status} {Code}.")]
    private static partial void LogStorageError(ILogger logger, int status, string? code);
}
