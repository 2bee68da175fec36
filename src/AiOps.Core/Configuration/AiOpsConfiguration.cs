// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiOps;

/// <summary>Builds <see cref="AiOpsOptions"/> from environment variables and from <see cref="IConfiguration"/> section <c>AiOps</c>.</summary>
/// <remarks>
/// <para>Precedence, highest first: explicit parameters (applied by the caller afterwards), session defaults (PowerShell),
/// <c>AI_*</c> variables (key, base URL and model apply to <c>AI_PROVIDER</c> only), vendor variables
/// (<c>OPENAI_API_KEY</c>, …), then the structured <c>AiOps</c> section.</para>
/// <para>Bad values fail here, with the variable's name in the message.</para>
/// </remarks>
public static class AiOpsConfiguration
{
    /// <summary>The configuration section AiOps binds from.</summary>
    public const string SectionName = "AiOps";

    /// <summary>Reads the process environment.</summary>
    /// <returns>Validated options.</returns>
    /// <exception cref="AiException">A variable has a bad value (kind <see cref="AiErrorKind.InvalidConfiguration"/>).</exception>
    public static AiOpsOptions FromEnvironment()
    {
        IDictionary env = Environment.GetEnvironmentVariables();
        return FromEnvironment(name => env[name] as string);
    }

    /// <summary>Reads variables from a lookup (tests, PowerShell session state).</summary>
    /// <param name="lookup">Returns a variable's value or <see langword="null"/>.</param>
    /// <returns>Validated options.</returns>
    /// <exception cref="AiException">A variable has a bad value.</exception>
    public static AiOpsOptions FromEnvironment(Func<string, string?> lookup)
    {
        _ = Throw.IfNull(lookup);
        var options = new AiOpsOptions();
        ApplyFlat(options, lookup);
        options.Validate();
        return options;
    }

    /// <summary>Reads <paramref name="configuration"/>: flat names at the root (environment variables, app settings) win over
    /// the same names inside section <c>AiOps</c>, which win over the structured section keys.</summary>
    /// <param name="configuration">The configuration root.</param>
    /// <returns>Validated options.</returns>
    /// <exception cref="AiException">A setting has a bad value.</exception>
    public static AiOpsOptions FromConfiguration(IConfiguration configuration)
    {
        _ = Throw.IfNull(configuration);
        var options = new AiOpsOptions();
        IConfigurationSection section = configuration.GetSection(SectionName);
        ApplyStructured(options, section);
        ApplyFlat(options, name => NonEmpty(configuration[name]) ?? NonEmpty(section[name]));
        options.Validate();
        return options;
    }

    /// <summary>Returns <paramref name="value"/>, or <see langword="null"/> when it is empty or white space.</summary>
    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void ApplyStructured(AiOpsOptions options, IConfigurationSection section)
    {
        if (NonEmpty(section["DefaultProvider"] ?? section["Provider"]) is string provider)
        {
            options.DefaultProvider = ParseProvider(provider, "AiOps:DefaultProvider");
        }

        ReadDuration(section["Timeout"], "AiOps:Timeout", v => options.Timeout = v);
        ReadInt(section["MaxRetries"], "AiOps:MaxRetries", v => options.MaxRetries = v);
        ReadDuration(section["RetryBackoff"], "AiOps:RetryBackoff", v => options.RetryBackoff = v);
        ReadDuration(section["RetryMaxDelay"], "AiOps:RetryMaxDelay", v => options.RetryMaxDelay = v);
        ReadBool(section["CircuitBreaker"], "AiOps:CircuitBreaker", v => options.CircuitBreakerEnabled = v);
        ReadInt(section["CircuitBreakerThreshold"], "AiOps:CircuitBreakerThreshold", v => options.CircuitBreakerThreshold = v);
        ReadDuration(section["CircuitBreakerDuration"], "AiOps:CircuitBreakerDuration", v => options.CircuitBreakerDuration = v);
        ReadDouble(section["RateLimit"], "AiOps:RateLimit", v => options.RateLimit = v);
        ReadDuration(section["TotalTimeout"], "AiOps:TotalTimeout", v => options.TotalTimeout = v);
        ReadDuration(section["StreamIdleTimeout"], "AiOps:StreamIdleTimeout", v => options.StreamIdleTimeout = v);
        ReadInt(section["MaxConcurrency"], "AiOps:MaxConcurrency", v => options.MaxConcurrency = v);
        ReadInt(section["TokensPerMinute"], "AiOps:TokensPerMinute", v => options.TokensPerMinute = v);
        ReadInt(section["RateLimitQueue"], "AiOps:RateLimitQueue", v => options.RateLimitQueue = v);
        ReadBool(section["Cache"], "AiOps:Cache", v => options.CacheEnabled = v);
        ReadDuration(section["CacheTtl"], "AiOps:CacheTtl", v => options.CacheTtl = v);
        ReadInt(section["CacheMaxEntries"], "AiOps:CacheMaxEntries", v => options.CacheMaxEntries = v);
        ReadDecimal(section["BudgetUsd"], "AiOps:BudgetUsd", v => options.BudgetUsd = v);
        ReadBool(section["LogContent"], "AiOps:LogContent", v => options.LogContent = v);
        options.PricesFile = NonEmpty(section["PricesFile"]) ?? options.PricesFile;
        MiddlewareConfiguration.ApplyFallbackSection(options, section.GetSection("Fallback"));
        MiddlewareConfiguration.ApplyPricesSection(options, section.GetSection("Prices"));

        foreach (IConfigurationSection alias in section.GetSection("Models").GetChildren())
        {
            if (NonEmpty(alias.Value) is string target)
            {
                options.ModelAliases[alias.Key] = target;
            }
            else
            {
                // An alias given as a list: AiOps:Models:fast:0 = openai/gpt-4o-mini, AiOps:Models:fast:1 = …
                var targets = new List<string>();
                foreach (IConfigurationSection item in alias.GetChildren())
                {
                    if (NonEmpty(item.Value) is string t)
                    {
                        targets.Add(t);
                    }
                }

                if (targets.Count > 0)
                {
                    options.ModelAliases[alias.Key] = string.Join(',', targets);
                }
            }
        }

        foreach (IConfigurationSection p in section.GetSection("Providers").GetChildren())
        {
            string prefix = $"AiOps:Providers:{p.Key}";
            AiProviderSettings settings = options.GetProvider(ParseProvider(p.Key, prefix));
            if (NonEmpty(p["ApiKey"]) is string key)
            {
                settings.ApiKey = key;
                settings.ApiKeySource = prefix + ":ApiKey";
            }

            if (NonEmpty(p["BaseUrl"] ?? p["Endpoint"]) is string url)
            {
                settings.BaseUrl = ParseUrl(url, prefix + ":BaseUrl");
            }

            settings.DefaultModel = NonEmpty(p["DefaultModel"] ?? p["Model"] ?? p["Deployment"]) ?? settings.DefaultModel;
            settings.DefaultEmbeddingModel = NonEmpty(p["DefaultEmbeddingModel"] ?? p["EmbeddingModel"]) ?? settings.DefaultEmbeddingModel;
            settings.ApiVersion = NonEmpty(p["ApiVersion"]) ?? settings.ApiVersion;
            settings.Organization = NonEmpty(p["Organization"]) ?? settings.Organization;
            settings.Project = NonEmpty(p["Project"]) ?? settings.Project;
            foreach (IConfigurationSection h in p.GetSection("Headers").GetChildren())
            {
                if (NonEmpty(h.Value) is string hv)
                {
                    settings.Headers[h.Key] = hv;
                }
            }
        }
    }

    private static void ApplyFlat(AiOpsOptions options, Func<string, string?> lookup)
    {
        string? Get(string name) => NonEmpty(lookup(name));

        if (Get("AI_PROVIDER") is string provider)
        {
            options.DefaultProvider = ParseProvider(provider, "AI_PROVIDER");
        }

        ReadDuration(Get("AI_TIMEOUT"), "AI_TIMEOUT", v => options.Timeout = v);
        ReadInt(Get("AI_MAX_RETRIES"), "AI_MAX_RETRIES", v => options.MaxRetries = v);
        ReadDuration(Get("AI_RETRY_BACKOFF"), "AI_RETRY_BACKOFF", v => options.RetryBackoff = v);
        ReadDuration(Get("AI_RETRY_MAX_DELAY"), "AI_RETRY_MAX_DELAY", v => options.RetryMaxDelay = v);
        ReadBool(Get("AI_CIRCUIT_BREAKER"), "AI_CIRCUIT_BREAKER", v => options.CircuitBreakerEnabled = v);
        ReadInt(Get("AI_CIRCUIT_BREAKER_THRESHOLD"), "AI_CIRCUIT_BREAKER_THRESHOLD", v => options.CircuitBreakerThreshold = v);
        ReadDuration(Get("AI_CIRCUIT_BREAKER_DURATION"), "AI_CIRCUIT_BREAKER_DURATION", v => options.CircuitBreakerDuration = v);
        ReadDouble(Get("AI_RATE_LIMIT"), "AI_RATE_LIMIT", v => options.RateLimit = v);
        ReadDuration(Get("AI_TOTAL_TIMEOUT"), "AI_TOTAL_TIMEOUT", v => options.TotalTimeout = v);
        ReadDuration(Get("AI_STREAM_IDLE_TIMEOUT"), "AI_STREAM_IDLE_TIMEOUT", v => options.StreamIdleTimeout = v);
        ReadInt(Get("AI_MAX_CONCURRENCY"), "AI_MAX_CONCURRENCY", v => options.MaxConcurrency = v);
        ReadInt(Get("AI_TOKENS_PER_MINUTE"), "AI_TOKENS_PER_MINUTE", v => options.TokensPerMinute = v);
        ReadInt(Get("AI_RATE_LIMIT_QUEUE"), "AI_RATE_LIMIT_QUEUE", v => options.RateLimitQueue = v);
        ReadBool(Get("AI_CACHE"), "AI_CACHE", v => options.CacheEnabled = v);
        ReadDuration(Get("AI_CACHE_TTL"), "AI_CACHE_TTL", v => options.CacheTtl = v);
        ReadInt(Get("AI_CACHE_MAX_ENTRIES"), "AI_CACHE_MAX_ENTRIES", v => options.CacheMaxEntries = v);
        ReadDecimal(Get("AI_BUDGET_USD"), "AI_BUDGET_USD", v => options.BudgetUsd = v);
        ReadBool(Get("AI_LOG_CONTENT"), "AI_LOG_CONTENT", v => options.LogContent = v);
        options.PricesFile = Get("AI_PRICES_FILE") ?? options.PricesFile;
        if (Get("AI_FALLBACK") is string fallback)
        {
            MiddlewareConfiguration.SetFallbackList(options, fallback, "AI_FALLBACK");
        }

        if (Get("AI_FALLBACK_ON") is string fallbackOn)
        {
            MiddlewareConfiguration.SetFallbackOn(options, fallbackOn, "AI_FALLBACK_ON");
        }

        // Vendor variables first, then AI_* for AI_PROVIDER on top (AI_* wins).
        Vendor(options, AiProviderId.OpenAI, Get, key: ["OPENAI_API_KEY"], url: "OPENAI_BASE_URL", model: null);
        Vendor(options, AiProviderId.Anthropic, Get, key: ["ANTHROPIC_API_KEY"], url: "ANTHROPIC_BASE_URL", model: null);
        Vendor(options, AiProviderId.Google, Get, key: ["GEMINI_API_KEY", "GOOGLE_API_KEY"], url: "GEMINI_BASE_URL", model: null);
        Vendor(options, AiProviderId.AzureOpenAI, Get, key: ["AZURE_OPENAI_API_KEY"], url: "AZURE_OPENAI_ENDPOINT", model: "AZURE_OPENAI_DEPLOYMENT");
        if (Get("AZURE_OPENAI_API_VERSION") is string apiVersion)
        {
            options.GetProvider(AiProviderId.AzureOpenAI).ApiVersion = apiVersion;
        }

        if (Get("AZURE_OPENAI_EMBEDDING_DEPLOYMENT") is string embeddingDeployment)
        {
            options.GetProvider(AiProviderId.AzureOpenAI).DefaultEmbeddingModel = embeddingDeployment;
        }

        Vendor(options, AiProviderId.Ollama, Get, key: [], url: "OLLAMA_HOST", model: null);
        if (Get("OPENAI_ORG_ID") is string org)
        {
            options.GetProvider(AiProviderId.OpenAI).Organization = org;
        }

        if (Get("OPENAI_PROJECT_ID") is string project)
        {
            options.GetProvider(AiProviderId.OpenAI).Project = project;
        }

        AiProviderSettings active = options.GetProvider(options.DefaultProvider);
        if (Get("AI_API_KEY") is string aiKey)
        {
            active.ApiKey = aiKey;
            active.ApiKeySource = "AI_API_KEY";
        }

        if (Get("AI_BASE_URL") is string aiUrl)
        {
            active.BaseUrl = ParseUrl(aiUrl, "AI_BASE_URL");
        }

        if (Get("AI_DEFAULT_MODEL") is string aiModel)
        {
            active.DefaultModel = aiModel;
        }

        if (Get("AI_EMBEDDING_MODEL") is string aiEmbeddingModel)
        {
            active.DefaultEmbeddingModel = aiEmbeddingModel;
        }
    }

    private static void Vendor(AiOpsOptions options, AiProviderId id, Func<string, string?> get, string[] key, string url, string? model)
    {
        foreach (string name in key)
        {
            if (get(name) is string value)
            {
                AiProviderSettings s = options.GetProvider(id);
                s.ApiKey = value;
                s.ApiKeySource = name;
                break;
            }
        }

        if (get(url) is string u)
        {
            options.GetProvider(id).BaseUrl = ParseUrl(u, url);
        }

        if (model is not null && get(model) is string m)
        {
            options.GetProvider(id).DefaultModel = m;
        }
    }

    /// <summary>Parses a provider name, failing with the setting's name when it is not a known provider.</summary>
    internal static AiProviderId ParseProvider(string value, string setting)
    {
        var id = new AiProviderId(value);
        if (Array.IndexOf(KnownProviders, id.Value) < 0)
        {
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"{setting} is '{value}', which is not a provider AiOps knows. Use one of: {string.Join(", ", KnownProviders)}.")
            { Parameter = setting };
        }

        return id;
    }

    /// <summary>The names built-in providers answer to (third-party providers register more at run time).</summary>
    internal static readonly string[] KnownProviders =
        ["openai", "anthropic", "google", "azure-openai", "ollama", "openai-compatible", "local"];

    /// <summary>Parses an absolute http(s) URL, failing with the setting's name.</summary>
    internal static Uri ParseUrl(string value, string setting)
    {
        string text = value.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            // OLLAMA_HOST is commonly given as host:port without a scheme.
            if (setting == "OLLAMA_HOST" && Uri.TryCreate("http://" + text, UriKind.Absolute, out Uri? withScheme))
            {
                return withScheme;
            }

            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"{setting} is '{text}', which is not an absolute http or https URL. Use a URL such as https://api.example.com/v1.")
            { Parameter = setting };
        }

        return uri;
    }

    /// <summary>Reads a duration setting, failing with the setting's name.</summary>
    internal static void ReadDuration(string? text, string name, Action<TimeSpan> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!AiDuration.TryParse(value, out TimeSpan duration))
        {
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"{name} is '{value}', which is not a duration. Use 30s, 1m, 500ms, a number of seconds, or 00:00:30.")
            { Parameter = name };
        }

        set(duration);
    }

    /// <summary>Reads a whole-number setting, failing with the setting's name.</summary>
    internal static void ReadInt(string? text, string name, Action<int> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) || number < 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"{name} is '{value}', which is not a whole number of 0 or more.") { Parameter = name };
        }

        set(number);
    }

    private static void ReadDouble(string? text, string name, Action<double> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number) || number < 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"{name} is '{value}', which is not a number of 0 or more.") { Parameter = name };
        }

        set(number);
    }

    private static void ReadDecimal(string? text, string name, Action<decimal> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal number) || number < 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"{name} is '{value}', which is not an amount of 0 or more (use a dot for decimals, e.g. 12.50).") { Parameter = name };
        }

        set(number);
    }

    /// <summary>Reads a boolean setting (<c>true/false</c>, <c>1/0</c>, <c>yes/no</c>, <c>on/off</c>).</summary>
    internal static void ReadBool(string? text, string name, Action<bool> set)
    {
        if (NonEmpty(text) is not string value)
        {
            return;
        }

        switch (value.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on": set(true); break;
            case "false" or "0" or "no" or "off": set(false); break;
            default:
                throw new AiException(AiErrorKind.InvalidConfiguration, $"{name} is '{value}'; use true or false.") { Parameter = name };
        }
    }
}
