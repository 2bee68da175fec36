// Licensed under the MIT License.

using System;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps;

/// <summary>Registers the local embeddings provider in a service collection.</summary>
public static class LocalEmbeddingsServiceCollectionExtensions
{
    /// <summary>Adds the <c>local</c> provider (offline all-MiniLM-L6-v2 embeddings) to the <see cref="AiProviderRegistry"/> that
    /// <c>AddAiOps</c> registers, so <c>AI_PROVIDER=local</c> and <c>AiClientFactory.GetClient(AiProviderId.Local)</c> work.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts batch size and long-input handling.</param>
    /// <returns>The services.</returns>
    /// <remarks>Call it before or after <c>AddAiOps</c>; calling it twice is harmless. The model loads on the first embedding, not here.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddAiOpsLocalEmbeddings(this IServiceCollection services, Action<LocalEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new LocalEmbeddingOptions();
        configure?.Invoke(options);
        var provider = new LocalEmbeddingProvider(options);

        bool decorated = false;
        for (int i = 0; i < services.Count; i++)
        {
            ServiceDescriptor existing = services[i];
            if (existing.ServiceType != typeof(AiProviderRegistry) || existing.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton(sp => Create(sp, existing).Register(provider));
            decorated = true;
        }

        if (!decorated)
        {
            // AddAiOps has not run yet; its TryAdd will keep this registration.
            services.AddSingleton(_ => AiProviderRegistry.CreateDefault().Register(provider));
        }

        return services;
    }

    private static AiProviderRegistry Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        (AiProviderRegistry)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
