// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace AiOps.PowerShell.Engine;

/// <summary>Builds the client for one command. Precedence, highest first: explicit parameters, session defaults
/// (<c>Set-AiDefault</c>), <c>AI_*</c> variables for <c>AI_PROVIDER</c>, vendor variables (<c>OPENAI_API_KEY</c>, …).</summary>
internal static class ClientResolver
{
    private static readonly Lazy<AiProviderRegistry> LazyRegistry = new(() => AiProviderRegistry.CreateDefault().Register(new LocalEmbeddingProvider()));

    /// <summary>Gets the providers the module offers: every built-in provider plus the local (offline) embeddings provider.</summary>
    public static AiProviderRegistry Registry => LazyRegistry.Value;

    /// <summary>Reads the environment and session defaults into options (no explicit parameters).</summary>
    public static AiOpsOptions CurrentOptions()
    {
        AiOpsOptions options = AiOpsConfiguration.FromEnvironment();
        SessionState.ApplyTo(options);
        return options;
    }

    /// <summary>Resolves the provider a name refers to, failing with the parameter's name when it is unknown.</summary>
    public static AiProvider FindProvider(string name, string parameter)
    {
        if (!AiProviderId.TryParse(name, out AiProviderId id) || !Registry.TryGet(id, out AiProvider? provider))
        {
            string known = string.Join(", ", Registry.Providers.Select(p => p.Id.Value).Order(StringComparer.Ordinal));
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"{parameter} is '{name}', which is not a provider AiOps knows. Use one of: {(known.Length == 0 ? "(no providers are registered)" : known)}. Get-AiProvider lists them.")
            {
                Parameter = parameter,
            };
        }

        return provider;
    }

    /// <summary>Builds the client for a command. Fails before anything is sent when the provider, endpoint or key is unusable.</summary>
    public static ResolvedClient Resolve(ConnectionOptions explicitOptions, bool forEmbeddings)
    {
        AiOpsOptions options = CurrentOptions();
        AiProvider provider = explicitOptions.Provider is string name
            ? FindProvider(name, "-Provider")
            : FindProvider(options.DefaultProvider.Value, SessionState.DefaultProvider is null ? "AI_PROVIDER" : "The session default provider");
        AiProviderSettings settings = options.GetProvider(provider.Id);

        if (explicitOptions.ApiKey is string key)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new AiException(AiErrorKind.InvalidConfiguration, "-ApiKey is empty. Pass the key, an env:NAME reference or a Key Vault reference, or leave -ApiKey out.") { Parameter = "-ApiKey" };
            }

            settings.ApiKey = key;
            settings.ApiKeySource = "-ApiKey";
        }

        if (explicitOptions.BaseUri is Uri baseUri)
        {
            settings.BaseUrl = AiOpsConfiguration.ParseUrl(baseUri.OriginalString, "-BaseUri");
        }

        if (explicitOptions.ApiVersion is string apiVersion)
        {
            settings.ApiVersion = apiVersion;
        }

        foreach (KeyValuePair<string, string> header in explicitOptions.Headers)
        {
            settings.Headers[header.Key] = header.Value;
        }

        if (explicitOptions.Deployment is not null && provider.Id != AiProviderId.AzureOpenAI)
        {
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"-Deployment applies to Azure OpenAI only; {provider.DisplayName} takes -Model. Use -Provider AzureOpenAI or -Model.")
            {
                Parameter = "-Deployment",
                Provider = provider.Id.Value,
            };
        }

        if (explicitOptions.TimeoutSec is int timeout)
        {
            options.Timeout = TimeSpan.FromSeconds(timeout);
        }

        if (explicitOptions.MaxRetries is int retries)
        {
            options.MaxRetries = retries;
        }

        if (explicitOptions.Proxy is not null || explicitOptions.NoProxy || explicitOptions.ProxyCredential is not null || explicitOptions.ProxyUseDefaultCredentials)
        {
            options.Proxy = null;
            options.UseProxy = true;
            ProxySettings.Apply(options, explicitOptions.Proxy, explicitOptions.ProxyCredential, explicitOptions.ProxyUseDefaultCredentials, explicitOptions.NoProxy);
        }

        options.Validate();
        if (provider.RequiresApiKey && string.IsNullOrWhiteSpace(settings.ApiKey) && settings.Credential is null)
        {
            string variable = provider.ApiKeyVariable ?? "AI_API_KEY";
            throw new AiException(
                AiErrorKind.MissingApiKey,
                $"No API key is configured for {provider.DisplayName}. Set {variable} (or AI_API_KEY with AI_PROVIDER={provider.Id}), " +
                $"run Set-AiDefault -Provider {provider.Id} -ApiKey <key>, or pass -ApiKey.")
            {
                Provider = provider.Id.Value,
                Parameter = variable,
            };
        }

        if (settings.ApiKey is string reference && reference.StartsWith("env:", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(reference[4..].Trim())))
        {
            // An env:NAME reference to an unset variable: say which variable, not just "no key".
            throw new AiException(
                AiErrorKind.MissingApiKey,
                $"The key for {provider.DisplayName} ({settings.ApiKeySource}) refers to environment variable {reference[4..].Trim()}, which is not set. Set it, or pass the key itself.")
            {
                Provider = provider.Id.Value,
                Parameter = reference[4..].Trim(),
            };
        }

        string? model = explicitOptions.Deployment ?? explicitOptions.Model;
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, "-Model is empty. Name a model, or leave -Model out to use the default.") { Parameter = "-Model" };
        }

        model ??= forEmbeddings
            ? settings.DefaultEmbeddingModel ?? provider.DefaultEmbeddingModel
            : settings.DefaultModel ?? provider.DefaultChatModel;

        AiClientFactory factory = FactoryCache.Get(options);
        AiClient client = factory.GetClient(provider.Id);
        return new ResolvedClient(client, provider, settings, options, model, settings.ApiKey);
    }
}
