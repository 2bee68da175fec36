// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;

namespace AiOps;

/// <summary>Everything AiOps is configured with: the default provider, each provider's settings and the resilience knobs.</summary>
/// <remarks>Build one with <see cref="AiOpsConfiguration.FromEnvironment()"/> or <see cref="AiOpsConfiguration.FromConfiguration"/>,
/// or set the properties in code. <see cref="Validate"/> runs before any client is built.</remarks>
public sealed class AiOpsOptions
{
    /// <summary>Gets or sets the provider used when a call names none (<c>AI_PROVIDER</c>).</summary>
    /// <value>The default value is <c>openai</c>.</value>
    public AiProviderId DefaultProvider { get; set; } = AiProviderId.OpenAI;

    /// <summary>Gets each provider's settings, keyed by provider id.</summary>
    public IDictionary<AiProviderId, AiProviderSettings> Providers { get; } = new Dictionary<AiProviderId, AiProviderSettings>();

    /// <summary>Gets or sets the per-attempt timeout (<c>AI_TIMEOUT</c>). For streams it bounds the wait for the response headers.</summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets how many times a retryable failure is retried (<c>AI_MAX_RETRIES</c>).</summary>
    /// <value>The default value is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the initial retry backoff (<c>AI_RETRY_BACKOFF</c>); it doubles per attempt, jittered, and server hints win.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest server-requested wait AiOps will sleep; above it the call fails at once with <see cref="AiErrorKind.RateLimited"/> (<c>AI_RETRY_MAX_DELAY</c>).</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets a value indicating whether the circuit breaker is on (<c>AI_CIRCUIT_BREAKER</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>Gets or sets how many consecutive health failures open the circuit (<c>AI_CIRCUIT_BREAKER_THRESHOLD</c>).</summary>
    /// <value>The default value is 5.</value>
    public int CircuitBreakerThreshold { get; set; } = 5;

    /// <summary>Gets or sets how long an open circuit stays open before a probe (<c>AI_CIRCUIT_BREAKER_DURATION</c>).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the client-side request rate limit in requests per second (<c>AI_RATE_LIMIT</c>); 0 turns it off.</summary>
    /// <value>The default value is 0.</value>
    public double RateLimit { get; set; }

    /// <summary>Gets model aliases (<c>AiOps:Models:&lt;alias&gt;</c>): an alias maps to <c>provider/model</c>, or a comma-separated fallback list.</summary>
    public IDictionary<string, string> ModelAliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the proxy for provider calls. <see langword="null"/> uses the .NET default proxy (<c>HTTPS_PROXY</c>, <c>NO_PROXY</c>).</summary>
    public IWebProxy? Proxy { get; set; }

    /// <summary>Gets or sets a value indicating whether provider calls use a proxy at all.</summary>
    /// <value>The default value is <see langword="true"/> (the .NET default proxy, or <see cref="Proxy"/>).</value>
    public bool UseProxy { get; set; } = true;

    /// <summary>Gets or sets how long a secret read from Key Vault is cached before it is read again.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan SecretCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets the settings for a provider, creating empty ones when none exist.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The settings, owned by these options.</returns>
    public AiProviderSettings GetProvider(AiProviderId provider)
    {
        if (!Providers.TryGetValue(provider, out AiProviderSettings? settings))
        {
            settings = new AiProviderSettings();
            Providers[provider] = settings;
        }

        return settings;
    }

    /// <summary>Checks every setting and reports all problems in one <see cref="AiException"/> of kind <see cref="AiErrorKind.InvalidConfiguration"/>.</summary>
    /// <exception cref="AiException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero)
        {
            problems.Add($"AI_TIMEOUT must be positive (was {AiDuration.Format(Timeout)}).");
        }

        if (MaxRetries < 0)
        {
            problems.Add($"AI_MAX_RETRIES must be 0 or more (was {MaxRetries}).");
        }

        if (RetryBackoff < TimeSpan.Zero)
        {
            problems.Add("AI_RETRY_BACKOFF must not be negative.");
        }

        if (CircuitBreakerThreshold < 1)
        {
            problems.Add($"AI_CIRCUIT_BREAKER_THRESHOLD must be 1 or more (was {CircuitBreakerThreshold}).");
        }

        if (RateLimit < 0 || double.IsNaN(RateLimit))
        {
            problems.Add("AI_RATE_LIMIT must be 0 (off) or a positive number of requests per second.");
        }

        if (problems.Count > 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, "Invalid AiOps configuration: " + string.Join(" ", problems));
        }
    }
}
