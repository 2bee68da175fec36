// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;
using Microsoft.Extensions.Caching.Distributed;

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

    /// <summary>Gets or sets the overall limit on one call, retries and backoff included (<c>AI_TOTAL_TIMEOUT</c>); for a stream it bounds
    /// the wait for the first chunk. <see cref="TimeSpan.Zero"/> turns it off.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the longest gap between two chunks of a stream before it fails with <see cref="AiErrorKind.StreamInterrupted"/>
    /// (<c>AI_STREAM_IDLE_TIMEOUT</c>). <see cref="TimeSpan.Zero"/> turns it off.</summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets how many calls may run at once per provider endpoint (<c>AI_MAX_CONCURRENCY</c>); 0 turns the limit off.</summary>
    /// <value>The default value is 0.</value>
    public int MaxConcurrency { get; set; }

    /// <summary>Gets or sets the client-side token budget per minute per provider endpoint (<c>AI_TOKENS_PER_MINUTE</c>), estimated before
    /// sending and corrected with the usage the provider reports; 0 turns it off.</summary>
    /// <value>The default value is 0.</value>
    public int TokensPerMinute { get; set; }

    /// <summary>Gets or sets how many callers may wait for the rate, token or concurrency limits at once (<c>AI_RATE_LIMIT_QUEUE</c>);
    /// one more fails at once with <see cref="AiErrorKind.RateLimited"/>.</summary>
    /// <value>The default value is 1000.</value>
    public int RateLimitQueue { get; set; } = 1000;

    /// <summary>Gets the ordered fallback targets (<c>AI_FALLBACK</c>, for example <c>anthropic/claude-sonnet-4-5,google/gemini-2.5-flash</c>,
    /// or <c>AiOps:Fallback:Targets</c> with endpoints, keys, weights and priorities).</summary>
    public IList<AiRouteTarget> Fallback { get; } = new List<AiRouteTarget>();

    /// <summary>Gets or sets a value indicating whether a <see cref="AiErrorKind.ContentFiltered"/> answer moves to the next target
    /// (<c>AI_FALLBACK_ON=content_filter</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool FallbackOnContentFiltered { get; set; }

    /// <summary>Gets or sets a value indicating whether a <see cref="AiErrorKind.ContextLengthExceeded"/> error moves to the next target
    /// (<c>AI_FALLBACK_ON=context_length</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool FallbackOnContextLengthExceeded { get; set; }

    /// <summary>Gets or sets the load-balancing weight of the client's own provider among targets of priority 0 (<c>AiOps:Fallback:PrimaryWeight</c>).</summary>
    /// <value>The default value is 1.</value>
    public int PrimaryWeight { get; set; } = 1;

    /// <summary>Gets or sets a value indicating whether answers are cached for every call (<c>AI_CACHE</c>); a call can opt in or out with
    /// <see cref="AiRequestProperties.Cache"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CacheEnabled { get; set; }

    /// <summary>Gets or sets how long a cached answer is served (<c>AI_CACHE_TTL</c>).</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how many answers the built-in in-memory cache keeps (<c>AI_CACHE_MAX_ENTRIES</c>); the oldest go first.</summary>
    /// <value>The default value is 1000.</value>
    public int CacheMaxEntries { get; set; } = 1000;

    /// <summary>Gets or sets the cache store (Redis, SQL, …). <see langword="null"/> uses an in-memory store per <see cref="AiClientFactory"/>;
    /// <c>services.AddAiOps</c> uses the registered <see cref="IDistributedCache"/> when there is one.</summary>
    public IDistributedCache? CacheStore { get; set; }

    /// <summary>Gets or sets the spending limit in US dollars for the clients of one <see cref="AiClientFactory"/> (<c>AI_BUDGET_USD</c>);
    /// a call whose estimate would pass it fails with <see cref="AiErrorKind.BudgetExceeded"/> before it is sent. 0 turns it off.</summary>
    /// <value>The default value is 0.</value>
    public decimal BudgetUsd { get; set; }

    /// <summary>Gets or sets a value indicating whether prompts and answers are written to logs and traces (<c>AI_LOG_CONTENT</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    /// <remarks>Prompts and answers often hold personal or confidential data; turn this on only where the logs are as protected as the data.</remarks>
    public bool LogContent { get; set; }

    /// <summary>Gets or sets a JSON price file merged over the shipped price table (<c>AI_PRICES_FILE</c>).</summary>
    public string? PricesFile { get; set; }

    /// <summary>Gets price entries merged over the shipped table and <see cref="PricesFile"/> (<c>AiOps:Prices:N:Model</c>, <c>…:Input</c>, …).</summary>
    public IList<AiModelPrice> Prices { get; } = new List<AiModelPrice>();

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

        if (RateLimit < 0 || double.IsNaN(RateLimit) || double.IsInfinity(RateLimit))
        {
            problems.Add("AI_RATE_LIMIT must be 0 (off) or a positive number of requests per second.");
        }

        if (RetryMaxDelay < TimeSpan.Zero)
        {
            problems.Add("AI_RETRY_MAX_DELAY must not be negative.");
        }

        if (CircuitBreakerDuration <= TimeSpan.Zero)
        {
            problems.Add($"AI_CIRCUIT_BREAKER_DURATION must be positive (was {AiDuration.Format(CircuitBreakerDuration)}).");
        }

        if (TotalTimeout < TimeSpan.Zero)
        {
            problems.Add("AI_TOTAL_TIMEOUT must be 0 (off) or positive.");
        }

        if (StreamIdleTimeout < TimeSpan.Zero)
        {
            problems.Add("AI_STREAM_IDLE_TIMEOUT must be 0 (off) or positive.");
        }

        if (MaxConcurrency < 0)
        {
            problems.Add($"AI_MAX_CONCURRENCY must be 0 (off) or more (was {MaxConcurrency}).");
        }

        if (TokensPerMinute < 0)
        {
            problems.Add($"AI_TOKENS_PER_MINUTE must be 0 (off) or more (was {TokensPerMinute}).");
        }

        if (RateLimitQueue < 0)
        {
            problems.Add($"AI_RATE_LIMIT_QUEUE must be 0 or more (was {RateLimitQueue}).");
        }

        if (PrimaryWeight < 1)
        {
            problems.Add($"AiOps:Fallback:PrimaryWeight must be 1 or more (was {PrimaryWeight}).");
        }

        if (CacheTtl <= TimeSpan.Zero)
        {
            problems.Add("AI_CACHE_TTL must be positive.");
        }

        if (CacheMaxEntries < 1)
        {
            problems.Add($"AI_CACHE_MAX_ENTRIES must be 1 or more (was {CacheMaxEntries}).");
        }

        if (BudgetUsd < 0)
        {
            problems.Add("AI_BUDGET_USD must be 0 (off) or a positive amount of US dollars.");
        }

        foreach (AiRouteTarget target in Fallback)
        {
            if (target.Weight < 1)
            {
                problems.Add($"AI_FALLBACK target '{target}' must have a weight of 1 or more.");
            }
        }

        foreach (AiModelPrice price in Prices)
        {
            if (price.Validate() is string problem)
            {
                problems.Add("AiOps:Prices: " + problem);
            }
        }

        if (problems.Count > 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, "Invalid AiOps configuration: " + string.Join(" ", problems));
        }
    }
}
