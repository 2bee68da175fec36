// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace AiOps.PowerShell.Engine;

/// <summary>The providers AiOps knows, how each is configured now, and model names for tab completion.</summary>
public static class ProviderCatalog
{
    // Suggestions only: completion never restricts what -Model accepts, so new models work the day they ship.
    private static readonly Dictionary<string, string[]> ChatModels = new(StringComparer.Ordinal)
    {
        ["openai"] = ["gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano", "o3", "o3-mini", "o4-mini"],
        ["anthropic"] = ["claude-haiku-4-5", "claude-opus-4-1", "claude-sonnet-4-5", "claude-3-5-haiku-latest"],
        ["google"] = ["gemini-2.0-flash", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro"],
        ["ollama"] = ["gemma3", "llama3.1", "llama3.2", "mistral", "phi4", "qwen2.5"],
    };

    private static readonly Dictionary<string, string[]> EmbeddingModels = new(StringComparer.Ordinal)
    {
        ["openai"] = ["text-embedding-3-large", "text-embedding-3-small", "text-embedding-ada-002"],
        ["google"] = ["gemini-embedding-001", "text-embedding-004"],
        ["ollama"] = ["all-minilm", "mxbai-embed-large", "nomic-embed-text"],
    };

    /// <summary>Lists every registered provider with its current configuration (environment plus session defaults).</summary>
    /// <returns>The providers, the default first.</returns>
    public static ProviderInfoData[] GetProviders()
    {
        AiOpsOptions options;
        try
        {
            options = ClientResolver.CurrentOptions();
        }
        catch (AiException)
        {
            options = new AiOpsOptions();
            SessionState.ApplyTo(options);
        }

        return ClientResolver.Registry.Providers
            .Select(p => Describe(p, options))
            .OrderByDescending(p => p.IsDefault)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Gets the provider names for completion (canonical ids).</summary>
    /// <returns>The names, sorted.</returns>
    public static string[] ProviderNames() =>
        ClientResolver.Registry.Providers.Select(p => p.Id.Value).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Gets the canonical id of a provider name, or <see langword="null"/> when it is not one.</summary>
    /// <param name="name">Any accepted spelling (<c>AzureOpenAI</c>, <c>gemini</c>, …).</param>
    /// <returns>The id.</returns>
    public static string? Normalize(string? name) => AiProviderId.TryParse(name, out AiProviderId id) ? id.Value : null;

    /// <summary>Suggests models for a provider: the configured and session defaults first, then well-known names.</summary>
    /// <param name="provider">The provider, or <see langword="null"/> for the default provider.</param>
    /// <param name="embeddings">Whether embedding models are wanted.</param>
    /// <returns>Model names.</returns>
    public static string[] SuggestModels(string? provider, bool embeddings)
    {
        var names = new List<string>();
        try
        {
            AiOpsOptions options = ClientResolver.CurrentOptions();
            AiProviderId id = AiProviderId.TryParse(provider, out AiProviderId parsed) ? parsed : options.DefaultProvider;
            if (options.Providers.TryGetValue(id, out AiProviderSettings? s))
            {
                AddIf(names, embeddings ? s.DefaultEmbeddingModel : s.DefaultModel);
            }

            if (ClientResolver.Registry.TryGet(id, out AiProvider? p))
            {
                AddIf(names, embeddings ? p.DefaultEmbeddingModel : p.DefaultChatModel);
            }

            foreach (UsageRow row in UsageLedger.Snapshot())
            {
                if (row.Provider == id.Value && (row.Embeddings > 0) == embeddings)
                {
                    AddIf(names, row.Model);
                }
            }

            if ((embeddings ? EmbeddingModels : ChatModels).TryGetValue(id.Value, out string[]? known))
            {
                foreach (string k in known)
                {
                    AddIf(names, k);
                }
            }
        }
        catch (AiException)
        {
            // Completion must never fail: a bad variable shows up when a command runs.
        }

        return names.ToArray();
    }

    private static void AddIf(List<string> names, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name) && name != "(default)" && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(name);
        }
    }

    private static ProviderInfoData Describe(AiProvider provider, AiOpsOptions options)
    {
        AiProviderSettings settings = options.Providers.TryGetValue(provider.Id, out AiProviderSettings? s) ? s : new AiProviderSettings();
        string key = provider.RequiresApiKey ? KeyDescription.Describe(settings) : (settings.ApiKey is null ? "not needed" : KeyDescription.Describe(settings));
        return new ProviderInfoData
        {
            Name = provider.Id.Value,
            DisplayName = provider.DisplayName,
            IsDefault = provider.Id == options.DefaultProvider,
            IsConfigured = !provider.RequiresApiKey || key != "missing",
            ApiKey = key,
            ApiKeyVariable = provider.ApiKeyVariable,
            BaseUri = settings.BaseUrl ?? provider.DefaultBaseUrl,
            DefaultModel = settings.DefaultModel ?? provider.DefaultChatModel,
            DefaultEmbeddingModel = provider.SupportsEmbeddings ? settings.DefaultEmbeddingModel ?? provider.DefaultEmbeddingModel : null,
            SupportsChat = provider.SupportsChat,
            SupportsEmbeddings = provider.SupportsEmbeddings,
            MaxEmbeddingBatchSize = provider.SupportsEmbeddings ? provider.MaxEmbeddingBatchSize : 0,
        };
    }
}
