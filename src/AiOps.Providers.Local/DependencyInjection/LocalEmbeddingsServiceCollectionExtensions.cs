// Licensed under the MIT License.

using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps;

/// <summary>Registers the local embeddings provider in a service collection.</summary>
public static class LocalEmbeddingsServiceCollectionExtensions
{
    /// <summary>The setting that switches the local provider on in a host: <c>AIOPS_ENABLE_LOCAL_EMBEDDINGS=true</c>
    /// (or <c>AiOps:EnableLocalEmbeddings</c> in configuration).</summary>
    public const string EnableVariable = "AIOPS_ENABLE_LOCAL_EMBEDDINGS";

    /// <summary>Adds the <c>local</c> provider when the host's configuration asks for it: <see cref="EnableVariable"/> is
    /// <c>true</c>, or <c>AI_PROVIDER</c> is <c>local</c>. Hosts (the gateway, the Functions app) call this unconditionally
    /// and leave the decision to configuration.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root (environment variables and app settings included).</param>
    /// <param name="configure">Adjusts batch size and long-input handling.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidConfiguration"/>: the switch is not <c>true</c> or <c>false</c>.</exception>
    public static IServiceCollection AddAiOpsLocalEmbeddings(this IServiceCollection services, IConfiguration configuration, Action<LocalEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return IsEnabled(configuration) ? services.AddAiOpsLocalEmbeddings(configure) : services;
    }

    /// <summary>Returns whether configuration switches the local provider on (see <see cref="AddAiOpsLocalEmbeddings(IServiceCollection, IConfiguration, Action{LocalEmbeddingOptions}?)"/>).</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns><see langword="true"/> when <see cref="EnableVariable"/> is true or <c>AI_PROVIDER</c> names <c>local</c>.</returns>
    /// <exception cref="AiException">The switch is not <c>true</c> or <c>false</c>.</exception>
    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? flag = configuration[EnableVariable] ?? configuration[AiOpsConfiguration.SectionName + ":EnableLocalEmbeddings"];
        if (!string.IsNullOrWhiteSpace(flag))
        {
            if (!bool.TryParse(flag.Trim(), out bool enabled))
            {
                throw new AiException(AiErrorKind.InvalidConfiguration, $"{EnableVariable} is '{flag}'; use true or false.")
                {
                    Parameter = EnableVariable,
                    Provider = AiProviderId.Local.Value,
                };
            }

            return enabled;
        }

        string? provider = configuration["AI_PROVIDER"] ?? configuration[AiOpsConfiguration.SectionName + ":DefaultProvider"];
        return !string.IsNullOrWhiteSpace(provider) && new AiProviderId(provider) == AiProviderId.Local;
    }

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
