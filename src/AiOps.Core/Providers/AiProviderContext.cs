// Licensed under the MIT License.

using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>What a provider needs to build its clients: its settings, the shared HTTP client, the clock, secrets and logging.</summary>
public sealed class AiProviderContext
{
    /// <summary>Initializes a new instance of the <see cref="AiProviderContext"/> class.</summary>
    /// <param name="provider">The provider the context is for.</param>
    /// <param name="settings">The provider's settings (the context keeps its own copy).</param>
    /// <param name="httpClient">The shared, pooled HTTP client.</param>
    /// <param name="secrets">Resolves the configured key reference.</param>
    /// <param name="timeout">The per-attempt timeout.</param>
    /// <param name="timeProvider">The clock. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">Logging. The default discards logs.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public AiProviderContext(
        AiProvider provider,
        AiProviderSettings settings,
        HttpClient httpClient,
        AiSecretResolver secrets,
        TimeSpan timeout,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        Provider = Throw.IfNull(provider);
        Settings = Throw.IfNull(settings).Clone();
        HttpClient = Throw.IfNull(httpClient);
        Secrets = Throw.IfNull(secrets);
        Timeout = timeout > TimeSpan.Zero ? timeout : System.Threading.Timeout.InfiniteTimeSpan;
        TimeProvider = timeProvider ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>Gets the provider.</summary>
    public AiProvider Provider { get; }

    /// <summary>Gets the provider's settings.</summary>
    public AiProviderSettings Settings { get; }

    /// <summary>Gets the shared HTTP client (one pooled handler for every provider of a client set).</summary>
    public HttpClient HttpClient { get; }

    /// <summary>Gets the secret resolver.</summary>
    public AiSecretResolver Secrets { get; }

    /// <summary>Gets the per-attempt timeout (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the logger factory.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Gets the base URL: the configured one, else the provider's default.</summary>
    public Uri? BaseUrl => Settings.BaseUrl ?? Provider.DefaultBaseUrl;

    /// <summary>Resolves the configured key.</summary>
    /// <param name="cancellationToken">Cancels a Key Vault read.</param>
    /// <returns>The key, or <see langword="null"/> when none is configured.</returns>
    public ValueTask<string?> GetApiKeyAsync(CancellationToken cancellationToken) => Secrets.ResolveAsync(Settings.ApiKey, cancellationToken);

    /// <summary>Builds the <see cref="AiErrorKind.MissingApiKey"/> error for this provider.</summary>
    /// <returns>The exception to throw.</returns>
    public AiException MissingApiKey()
    {
        string variable = Provider.ApiKeyVariable ?? "AI_API_KEY";
        return new AiException(
            AiErrorKind.MissingApiKey,
            $"No API key is configured for {Provider.DisplayName}. Set {variable} (or AI_API_KEY with AI_PROVIDER={Provider.Id}), or pass -ApiKey / AiProviderSettings.ApiKey.")
        {
            Provider = Provider.Id.Value,
            Parameter = variable,
        };
    }
}
