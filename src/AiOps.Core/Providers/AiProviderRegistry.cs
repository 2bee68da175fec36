// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace AiOps;

/// <summary>The providers a client set can use, by id. <see cref="CreateDefault"/> has every built-in provider.</summary>
/// <remarks>Register providers before building clients; the registry is not meant to change while calls run.</remarks>
public sealed class AiProviderRegistry
{
    private readonly Dictionary<AiProviderId, AiProvider> _providers = [];

    /// <summary>Creates a registry with every built-in provider. Adding a provider is one line here.</summary>
    /// <returns>The registry.</returns>
    public static AiProviderRegistry CreateDefault()
    {
        var registry = new AiProviderRegistry();
        BuiltInProviders.RegisterAll(registry);
        return registry;
    }

    /// <summary>Gets the registered providers.</summary>
    public IReadOnlyCollection<AiProvider> Providers => _providers.Values;

    /// <summary>Adds or replaces a provider.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This registry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is <see langword="null"/>.</exception>
    public AiProviderRegistry Register(AiProvider provider)
    {
        _ = Throw.IfNull(provider);
        _providers[provider.Id] = provider;
        return this;
    }

    /// <summary>Finds a provider.</summary>
    /// <param name="id">The id.</param>
    /// <param name="provider">The provider when found.</param>
    /// <returns>Whether it is registered.</returns>
    public bool TryGet(AiProviderId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AiProvider? provider) =>
        _providers.TryGetValue(id, out provider);

    /// <summary>Gets a provider, failing with <see cref="AiErrorKind.InvalidConfiguration"/> when it is unknown.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="AiException">No provider has that id.</exception>
    public AiProvider Get(AiProviderId id)
    {
        if (_providers.TryGetValue(id, out AiProvider? provider))
        {
            return provider;
        }

        string known = string.Join(", ", _providers.Keys.Select(k => k.Value).Order(StringComparer.Ordinal));
        string hint = id == AiProviderId.Local
            ? " The local embeddings provider lives in AiOps.Providers.Local: reference it and call services.AddAiOpsLocalEmbeddings() or registry.Register(new LocalEmbeddingProvider())."
            : string.Empty;
        throw new AiException(AiErrorKind.InvalidConfiguration, $"'{id}' is not a registered provider. Use one of: {known}.{hint}")
        {
            Parameter = "provider",
            Provider = id.Value,
        };
    }
}
