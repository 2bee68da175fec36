// Licensed under the MIT License.

using System.Threading;
using System.Threading.Tasks;
using AiOps.Gateway;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiOps.Functions;

/// <summary>The batch queue triggers: chunks from <c>aiops-batch</c>, and chunks the host gave up on from <c>aiops-batch-poison</c>.</summary>
/// <remarks>Retries, visibility timeouts and the move to the poison queue are the host's (host.json <c>extensions.queues</c>:
/// <c>maxDequeueCount</c> 5, <c>visibilityTimeout</c> 30 s, <c>batchSize</c> 4). Messages are Base64, the trigger's default encoding,
/// which is how <see cref="BatchChunkProcessor"/>'s submitter enqueues them.</remarks>
public sealed class BatchQueueFunctions
{
    /// <summary>The work queue (connection <c>AzureWebJobsStorage</c>).</summary>
    public const string QueueName = "aiops-batch";

    /// <summary>The poison queue the host moves messages to after <c>maxDequeueCount</c> failed deliveries.</summary>
    public const string PoisonQueueName = "aiops-batch-poison";

    private readonly BatchChunkProcessor _processor;

    /// <summary>Initializes a new instance of the <see cref="BatchQueueFunctions"/> class.</summary>
    /// <param name="processor">The chunk processor (a singleton).</param>
    public BatchQueueFunctions(BatchChunkProcessor processor) => _processor = processor;

    /// <summary>Processes one chunk. Throwing makes the host deliver the message again later.</summary>
    /// <param name="message">The queue message.</param>
    /// <param name="cancellationToken">Signalled when the host shuts down.</param>
    /// <returns>A task that completes when the chunk's results are written.</returns>
    [Function("BatchChunk")]
    public Task ProcessChunkAsync([QueueTrigger(QueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(message.MessageText, message.DequeueCount, cancellationToken);

    /// <summary>Records a chunk that exhausted its deliveries as failed, with an error line for every line that got no answer.</summary>
    /// <param name="message">The poison queue message.</param>
    /// <param name="cancellationToken">Signalled when the host shuts down.</param>
    /// <returns>A task that completes when the chunk is recorded.</returns>
    [Function("BatchChunkPoison")]
    public Task ProcessPoisonAsync([QueueTrigger(PoisonQueueName, Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessPoisonAsync(message.MessageText, cancellationToken);
}
