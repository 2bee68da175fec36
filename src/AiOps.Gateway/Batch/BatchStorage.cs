// Licensed under the MIT License.

using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace AiOps.Gateway;

/// <summary>The batch container and queues, from the storage connection the Functions host itself uses.</summary>
/// <remarks>The connection is either a connection string in <c>AzureWebJobsStorage</c> (Azurite: <c>UseDevelopmentStorage=true</c>),
/// or identity-based settings <c>AzureWebJobsStorage__blobServiceUri</c> + <c>__queueServiceUri</c> (or <c>__accountName</c>) with
/// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity — the same names the host reads.
/// Queue messages are Base64, as the queue trigger expects by default.</remarks>
internal sealed class BatchStorage
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public BatchStorage(BlobContainerClient container, QueueClient queue, QueueClient poisonQueue)
    {
        Container = container;
        Queue = queue;
        PoisonQueue = poisonQueue;
    }

    public BlobContainerClient Container { get; }

    public QueueClient Queue { get; }

    public QueueClient PoisonQueue { get; }

    /// <summary>Builds the clients from configuration, or returns <see langword="null"/> when no storage connection is configured.</summary>
    public static BatchStorage? FromConfiguration(IConfiguration configuration, BatchOptions options, TokenCredential? credential = null)
    {
        string name = options.Connection;
        var blobOptions = new BlobClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        string? connectionString = NonEmpty(configuration[name]) ?? NonEmpty(configuration["ConnectionStrings:" + name]);
        if (connectionString is not null)
        {
            var blobs = new BlobServiceClient(connectionString, blobOptions);
            var queues = new QueueServiceClient(connectionString, queueOptions);
            return Create(blobs, queues, options);
        }

        IConfigurationSection section = configuration.GetSection(name);
        string? account = NonEmpty(section["accountName"]);
        Uri? blobUri = ParseUri(section["blobServiceUri"] ?? section["serviceUri"]) ?? (account is null ? null : new Uri($"https://{account}.blob.core.windows.net"));
        Uri? queueUri = ParseUri(section["queueServiceUri"]) ?? (account is null ? null : new Uri($"https://{account}.queue.core.windows.net"));
        if (blobUri is null || queueUri is null)
        {
            return null;
        }

        credential ??= CredentialFrom(section);
        return Create(new BlobServiceClient(blobUri, credential, blobOptions), new QueueServiceClient(queueUri, credential, queueOptions), options);
    }

    private static BatchStorage Create(BlobServiceClient blobs, QueueServiceClient queues, BatchOptions options) =>
        new(blobs.GetBlobContainerClient(options.ContainerName), queues.GetQueueClient(options.QueueName), queues.GetQueueClient(options.PoisonQueueName));

    private static TokenCredential CredentialFrom(IConfigurationSection section)
    {
        string? clientId = NonEmpty(section["clientId"]);
        if (string.Equals(NonEmpty(section["credential"]), "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return clientId is null
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    /// <summary>Creates the container and queues if they do not exist (once per process; a missing create permission is not an error).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            await IgnoreForbiddenAsync(() => Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            await IgnoreForbiddenAsync(() => Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            await IgnoreForbiddenAsync(() => PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _createLock.Release();
        }
    }

    private static async Task IgnoreForbiddenAsync<T>(Func<Task<T>> create)
    {
        try
        {
            _ = await create().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            // Data-plane roles cannot create containers or queues; infra/ creates them.
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri? ParseUri(string? value) => NonEmpty(value) is string v && Uri.TryCreate(v, UriKind.Absolute, out Uri? uri) ? uri : null;
}
