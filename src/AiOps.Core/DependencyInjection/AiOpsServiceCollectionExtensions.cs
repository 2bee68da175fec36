// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Registers AiOps in a service collection.</summary>
public static class AiOpsServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AiOpsOptions"/> (from <paramref name="configuration"/>: flat variables and section <c>AiOps</c>),
    /// <see cref="AiClientFactory"/>, the default <see cref="AiClient"/>, and its <see cref="IChatClient"/> and
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (environment variables and app settings included).</param>
    /// <param name="configure">Adjusts the options after they are read (code wins over configuration).</param>
    /// <returns>The services.</returns>
    /// <exception cref="AiException">A setting is invalid (raised when the options are first resolved).</exception>
    public static IServiceCollection AddAiOps(this IServiceCollection services, IConfiguration configuration, Action<AiOpsOptions>? configure = null)
    {
        _ = Throw.IfNull(services);
        _ = Throw.IfNull(configuration);
        services.TryAddSingleton(_ =>
        {
            AiOpsOptions options = AiOpsConfiguration.FromConfiguration(configuration);
            configure?.Invoke(options);
            options.Validate();
            return options;
        });
        return AddAiOpsCore(services);
    }

    /// <summary>Registers AiOps with options built in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAiOps(this IServiceCollection services, Action<AiOpsOptions> configure)
    {
        _ = Throw.IfNull(services);
        _ = Throw.IfNull(configure);
        services.TryAddSingleton(_ =>
        {
            var options = new AiOpsOptions();
            configure(options);
            options.Validate();
            return options;
        });
        return AddAiOpsCore(services);
    }

    private static AiOpsOptions WithCacheStore(AiOpsOptions options, IServiceProvider services)
    {
        // A registered IDistributedCache (Redis, SQL, …) backs the response cache unless code chose a store.
        options.CacheStore ??= services.GetService<IDistributedCache>();
        return options;
    }

    private static IServiceCollection AddAiOpsCore(IServiceCollection services)
    {
        services.TryAddSingleton(_ => AiProviderRegistry.CreateDefault());
        services.TryAddSingleton(sp => new AiClientFactory(
            WithCacheStore(sp.GetRequiredService<AiOpsOptions>(), sp),
            sp.GetRequiredService<AiProviderRegistry>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<AiSecretResolver>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<AiClientFactory>().GetClient());
        services.TryAddSingleton(sp => sp.GetRequiredService<AiClient>().ChatClient);
        services.TryAddSingleton(sp => sp.GetRequiredService<AiClient>().EmbeddingGenerator);
        return services;
    }
}
