// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace AiOps.PowerShell.Engine;

/// <summary><c>Set-AiDefault</c> / <c>Get-AiDefault</c>: session defaults that win over environment variables and lose to explicit parameters.</summary>
public static class SessionDefaults
{
    /// <summary>Stores defaults, failing before anything is stored when a value is unusable.</summary>
    /// <param name="data">The values; <see cref="DefaultsData.Provider"/> names the provider they belong to.</param>
    /// <returns>The canonical provider the values were stored for.</returns>
    /// <exception cref="Exception">An <c>AiException</c> for an unknown provider or a bad URL.</exception>
    public static string Set(DefaultsData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        AiProviderId target = data.Provider is string name
            ? ClientResolver.FindProvider(name, "-Provider").Id
            : ClientResolver.CurrentOptions().DefaultProvider;
        if (data.BaseUri is Uri uri)
        {
            data.BaseUri = AiOpsConfiguration.ParseUrl(uri.OriginalString, "-BaseUri");
        }

        if (data.ApiKey is not null && string.IsNullOrWhiteSpace(data.ApiKey))
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, "-ApiKey is empty.") { Parameter = "-ApiKey" };
        }

        SessionState.Set(target, data, makeDefault: data.Provider is not null);
        return target.Value;
    }

    /// <summary>Forgets session defaults: all of them, or one provider's.</summary>
    /// <param name="provider">The provider, or <see langword="null"/> for everything.</param>
    public static void Clear(string? provider)
    {
        SessionState.Clear(provider is null ? null : ClientResolver.FindProvider(provider, "-Provider").Id);
    }

    /// <summary>Shows what each provider will use: one provider, or the default provider plus every provider with session defaults.</summary>
    /// <param name="provider">The provider, or <see langword="null"/>.</param>
    /// <returns>The views, the default provider first.</returns>
    public static DefaultsView[] Get(string? provider)
    {
        AiOpsOptions options = ClientResolver.CurrentOptions();
        var ids = new List<AiProviderId>();
        if (provider is not null)
        {
            ids.Add(ClientResolver.FindProvider(provider, "-Provider").Id);
        }
        else
        {
            ids.Add(options.DefaultProvider);
            ids.AddRange(SessionState.ProvidersWithDefaults().Where(p => p != options.DefaultProvider).OrderBy(p => p.Value, StringComparer.Ordinal));
        }

        return ids.Select(id => View(id, options)).ToArray();
    }

    private static DefaultsView View(AiProviderId id, AiOpsOptions options)
    {
        AiProviderSettings settings = options.Providers.TryGetValue(id, out AiProviderSettings? s) ? s : new AiProviderSettings();
        AiProvider? provider = ClientResolver.Registry.TryGet(id, out AiProvider? p) ? p : null;
        IReadOnlyList<string> session = SessionState.SessionValueNames(id);
        string? model = settings.DefaultModel ?? provider?.DefaultChatModel;
        string? modelSource = settings.DefaultModel is null
            ? (model is null ? null : "provider default")
            : session.Contains("Model") ? "Set-AiDefault" : "environment";
        return new DefaultsView
        {
            Provider = id.Value,
            IsDefaultProvider = id == options.DefaultProvider,
            Model = model,
            ModelSource = modelSource,
            EmbeddingModel = settings.DefaultEmbeddingModel ?? provider?.DefaultEmbeddingModel,
            BaseUri = settings.BaseUrl ?? provider?.DefaultBaseUrl,
            ApiVersion = settings.ApiVersion,
            ApiKey = provider is { RequiresApiKey: false } && settings.ApiKey is null ? "not needed" : KeyDescription.Describe(settings),
            TimeoutSec = options.Timeout.TotalSeconds,
            MaxRetries = options.MaxRetries,
            Proxy = ProxySettings.Describe(options),
            SessionValues = session.Count == 0 ? null : string.Join(", ", session),
        };
    }
}
