// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>Batch job settings: storage names, chunking and the local queue worker.</summary>
public sealed class BatchOptions
{
    /// <summary>Gets or sets the name of the storage connection setting (a connection string, or <c>&lt;name&gt;__blobServiceUri</c> / <c>__queueServiceUri</c> for managed identity).</summary>
    /// <value>The default value is <c>AzureWebJobsStorage</c>, the Functions host's own storage.</value>
    public string Connection { get; set; } = "AzureWebJobsStorage";

    /// <summary>Gets or sets the blob container that holds jobs (<c>jobs/&lt;id&gt;/input.jsonl</c>, <c>chunks/&lt;n&gt;.jsonl</c>, <c>status.json</c>).</summary>
    /// <value>The default value is <c>aiops-batch</c>.</value>
    public string ContainerName { get; set; } = "aiops-batch";

    /// <summary>Gets or sets the only container <c>{"input_blob": "&lt;container&gt;/&lt;path&gt;"}</c> submissions may read from, so a caller can
    /// never point a job at another job's input, the host's secrets or the deployment package in the same account.</summary>
    /// <value>The default value is <c>aiops-batch-input</c>.</value>
    public string InputContainerName { get; set; } = "aiops-batch-input";

    /// <summary>Gets or sets the work queue. Its poison queue is <c>&lt;name&gt;-poison</c>, as the Functions host names it.</summary>
    /// <value>The default value is <c>aiops-batch</c>.</value>
    public string QueueName { get; set; } = "aiops-batch";

    /// <summary>Gets the poison queue name.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>Gets or sets how many input lines one queue message (chunk) carries.</summary>
    /// <value>The default value is 100.</value>
    public int ChunkSize { get; set; } = 100;

    /// <summary>Gets or sets how many lines of one chunk run at the same time.</summary>
    /// <value>The default value is 8.</value>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Gets or sets the most lines one job may have (OpenAI's Batch API allows 50,000).</summary>
    /// <value>The default value is 50,000.</value>
    public int MaxLines { get; set; } = 50_000;

    /// <summary>Gets or sets how many deliveries a chunk gets before it goes to the poison queue (local worker; the Functions host reads host.json).</summary>
    /// <value>The default value is 5, as in host.json.</value>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Gets or sets how long a failed chunk stays invisible before it is retried (local worker; host.json <c>visibilityTimeout</c> in Functions).</summary>
    /// <value>The default value is 30 seconds, as in host.json.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the local worker waits between polls of an empty queue.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long a message is hidden while the local worker processes it.</summary>
    /// <value>The default value is 10 minutes (the Functions host renews its own lease).</value>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    internal void Validate(List<string> problems)
    {
        if (ChunkSize is < 1 or > 10_000)
        {
            problems.Add("AiOps:Gateway:Batch:ChunkSize must be between 1 and 10000.");
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            problems.Add("AiOps:Gateway:Batch:MaxConcurrency must be between 1 and 256.");
        }

        if (MaxLines < 1)
        {
            problems.Add("AiOps:Gateway:Batch:MaxLines must be at least 1.");
        }

        if (MaxDequeueCount < 1)
        {
            problems.Add("AiOps:Gateway:Batch:MaxDequeueCount must be at least 1.");
        }

        if (RetryDelay < TimeSpan.Zero || PollInterval <= TimeSpan.Zero || ProcessingTimeout <= TimeSpan.Zero)
        {
            problems.Add("AiOps:Gateway:Batch:RetryDelay must not be negative, and PollInterval and ProcessingTimeout must be positive.");
        }

        if (string.Equals(InputContainerName, ContainerName, StringComparison.Ordinal))
        {
            problems.Add("AiOps:Gateway:Batch:InputContainerName must differ from ContainerName (callers must not read other jobs' blobs).");
        }

        if (string.IsNullOrWhiteSpace(ContainerName) || string.IsNullOrWhiteSpace(QueueName) || string.IsNullOrWhiteSpace(Connection))
        {
            problems.Add("AiOps:Gateway:Batch:ContainerName, QueueName and Connection must not be empty.");
        }
    }
}
