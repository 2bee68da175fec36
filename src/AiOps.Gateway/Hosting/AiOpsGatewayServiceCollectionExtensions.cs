// Licensed under the MIT License.

using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>Registers the gateway in a service collection.</summary>
public static class AiOpsGatewayServiceCollectionExtensions
{
    /// <summary>Registers AiOps (<c>services.AddAiOps(configuration)</c>) and the gateway: options from <c>AIOPS_GATEWAY_*</c> and
    /// <c>AiOps:Gateway</c>, caller keys, routing, the handlers and the batch processor.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (environment variables / app settings included).</param>
    /// <param name="configure">Adjusts the gateway options after they are read.</param>
    /// <returns>The services.</returns>
    /// <remarks>The options are validated when first resolved (at <c>MapAiOpsGateway()</c> in the local host, at start-up in Functions):
    /// with no key configured and no <c>AIOPS_GATEWAY_ALLOW_ANONYMOUS=true</c>, the gateway refuses to start.</remarks>
    public static IServiceCollection AddAiOpsGateway(this IServiceCollection services, IConfiguration configuration, Action<GatewayOptions>? configure = null)
    {
        _ = Throw.IfNull(services);
        _ = Throw.IfNull(configuration);
        services.AddLogging();
        services.AddAiOps(configuration, options => KeyVaultDirectReads.Apply(options, configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            AiOpsOptions ai = sp.GetRequiredService<AiOpsOptions>();
            return new AiSecretResolver(ttl: ai.SecretCacheTtl, timeProvider: sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(_ =>
        {
            GatewayOptions options = GatewayConfiguration.Read(configuration);
            configure?.Invoke(options);
            options.Validate();
            return options;
        });
        services.TryAddSingleton(sp => new ModelRouter(sp.GetRequiredService<AiOpsOptions>(), sp.GetRequiredService<AiClientFactory>().Registry));
        services.TryAddSingleton(sp => new GatewayKeyStore(
            sp.GetRequiredService<GatewayOptions>(),
            sp.GetRequiredService<AiSecretResolver>(),
            sp.GetRequiredService<AiOpsOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GatewayKeyStore>>()));
        services.TryAddSingleton(sp => new ChatDispatcher(sp.GetRequiredService<AiClientFactory>(), sp.GetRequiredService<ILogger<ChatDispatcher>>()));
        services.TryAddSingleton(sp => new BatchStorageAccessor(BatchStorage.FromConfiguration(configuration, sp.GetRequiredService<GatewayOptions>().Batch)));
        services.TryAddSingleton(sp => new BatchLineExecutor(
            sp.GetRequiredService<GatewayOptions>(), sp.GetRequiredService<ModelRouter>(), sp.GetRequiredService<ChatDispatcher>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            BatchStorage? storage = sp.GetRequiredService<BatchStorageAccessor>().Storage;
            return new BatchService(
                storage,
                storage is null ? null : new BatchStatusStore(storage, sp.GetRequiredService<TimeProvider>()),
                sp.GetRequiredService<BatchLineExecutor>(),
                sp.GetRequiredService<GatewayOptions>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BatchService>>());
        });
        services.TryAddSingleton(sp =>
        {
            BatchStorage? storage = sp.GetRequiredService<BatchStorageAccessor>().Storage;
            return new BatchChunkProcessor(
                storage,
                storage is null ? null : new BatchStatusStore(storage, sp.GetRequiredService<TimeProvider>()),
                sp.GetRequiredService<BatchLineExecutor>(),
                sp.GetRequiredService<GatewayOptions>(),
                sp.GetRequiredService<ILogger<BatchChunkProcessor>>());
        });
        services.TryAddSingleton(sp => new AiOpsGatewayHandlers(
            sp.GetRequiredService<GatewayOptions>(),
            sp.GetRequiredService<GatewayKeyStore>(),
            sp.GetRequiredService<ModelRouter>(),
            sp.GetRequiredService<ChatDispatcher>(),
            sp.GetRequiredService<BatchService>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AiOpsGatewayHandlers>>()));
        return services;
    }

    /// <summary>Runs batch chunks in this process (the local host). Azure Functions uses its queue trigger instead.</summary>
    /// <param name="services">The services (after <see cref="AddAiOpsGateway"/>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAiOpsBatchWorker(this IServiceCollection services)
    {
        _ = Throw.IfNull(services);
        services.TryAddSingleton(sp => new BatchQueueWorker(
            sp.GetRequiredService<BatchStorageAccessor>().Storage,
            sp.GetRequiredService<BatchChunkProcessor>(),
            sp.GetRequiredService<GatewayOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BatchQueueWorker>>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<BatchQueueWorker>());
        return services;
    }
}
