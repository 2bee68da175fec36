// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;

namespace AiOps.Tests.Configuration;

public sealed class AiOpsConfigurationTests
{
    private static AiOpsOptions Load(params (string Name, string Value)[] variables)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, string value) in variables)
        {
            env[name] = value;
        }

        return AiOpsConfiguration.FromEnvironment(n => env.TryGetValue(n, out string? v) ? v : null);
    }

    private static AiException LoadFails(params (string Name, string Value)[] variables) =>
        Assert.Throws<AiException>(() => Load(variables));

    [Fact]
    public void FromEnvironment_NothingSet_UsesTheDocumentedDefaults()
    {
        AiOpsOptions o = Load();

        Assert.Equal(AiProviderId.OpenAI, o.DefaultProvider);
        Assert.Equal(TimeSpan.FromSeconds(100), o.Timeout);
        Assert.Equal(3, o.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), o.RetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(60), o.RetryMaxDelay);
        Assert.True(o.CircuitBreakerEnabled);
        Assert.Equal(5, o.CircuitBreakerThreshold);
        Assert.Equal(0, o.RateLimit);
    }

    [Fact]
    public void FromEnvironment_EveryGeneralVariable_IsRead()
    {
        AiOpsOptions o = Load(
            ("AI_PROVIDER", "Anthropic"),
            ("AI_TIMEOUT", "30s"),
            ("AI_MAX_RETRIES", "5"),
            ("AI_RETRY_BACKOFF", "500ms"),
            ("AI_RETRY_MAX_DELAY", "2m"),
            ("AI_CIRCUIT_BREAKER", "false"),
            ("AI_CIRCUIT_BREAKER_THRESHOLD", "7"),
            ("AI_CIRCUIT_BREAKER_DURATION", "00:00:45"),
            ("AI_RATE_LIMIT", "2.5"));

        Assert.Equal(AiProviderId.Anthropic, o.DefaultProvider);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Timeout);
        Assert.Equal(5, o.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.RetryBackoff);
        Assert.Equal(TimeSpan.FromMinutes(2), o.RetryMaxDelay);
        Assert.False(o.CircuitBreakerEnabled);
        Assert.Equal(7, o.CircuitBreakerThreshold);
        Assert.Equal(TimeSpan.FromSeconds(45), o.CircuitBreakerDuration);
        Assert.Equal(2.5, o.RateLimit);
    }

    [Fact]
    public void FromEnvironment_BareNumberDuration_MeansSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Load(("AI_TIMEOUT", "30")).Timeout);
    }

    [Fact]
    public void FromEnvironment_VendorVariables_ConfigureEachProvider()
    {
        AiOpsOptions o = Load(
            ("OPENAI_API_KEY", "sk-openai"),
            ("OPENAI_BASE_URL", "https://proxy.example.com/v1"),
            ("OPENAI_ORG_ID", "org-1"),
            ("OPENAI_PROJECT_ID", "proj-1"),
            ("ANTHROPIC_API_KEY", "sk-ant-x"),
            ("ANTHROPIC_BASE_URL", "https://anthropic.example.com"),
            ("GOOGLE_API_KEY", "google-key"),
            ("GEMINI_BASE_URL", "https://gemini.example.com"),
            ("AZURE_OPENAI_API_KEY", "azure-key"),
            ("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/"),
            ("AZURE_OPENAI_API_VERSION", "2024-10-21"),
            ("AZURE_OPENAI_DEPLOYMENT", "gpt4o-prod"),
            ("AZURE_OPENAI_EMBEDDING_DEPLOYMENT", "embed-prod"),
            ("OLLAMA_HOST", "localhost:11434"));

        AiProviderSettings openai = o.Providers[AiProviderId.OpenAI];
        Assert.Equal("sk-openai", openai.ApiKey);
        Assert.Equal("OPENAI_API_KEY", openai.ApiKeySource);
        Assert.Equal(new Uri("https://proxy.example.com/v1"), openai.BaseUrl);
        Assert.Equal("org-1", openai.Organization);
        Assert.Equal("proj-1", openai.Project);

        Assert.Equal("sk-ant-x", o.Providers[AiProviderId.Anthropic].ApiKey);
        Assert.Equal(new Uri("https://anthropic.example.com"), o.Providers[AiProviderId.Anthropic].BaseUrl);

        Assert.Equal("google-key", o.Providers[AiProviderId.Google].ApiKey);
        Assert.Equal("GOOGLE_API_KEY", o.Providers[AiProviderId.Google].ApiKeySource);
        Assert.Equal(new Uri("https://gemini.example.com"), o.Providers[AiProviderId.Google].BaseUrl);

        AiProviderSettings azure = o.Providers[AiProviderId.AzureOpenAI];
        Assert.Equal("azure-key", azure.ApiKey);
        Assert.Equal(new Uri("https://res.openai.azure.com/"), azure.BaseUrl);
        Assert.Equal("2024-10-21", azure.ApiVersion);
        Assert.Equal("gpt4o-prod", azure.DefaultModel);
        Assert.Equal("embed-prod", azure.DefaultEmbeddingModel);

        Assert.Equal(new Uri("http://localhost:11434"), o.Providers[AiProviderId.Ollama].BaseUrl);
    }

    [Fact]
    public void FromEnvironment_GeminiKeyWinsOverGoogleKey()
    {
        AiOpsOptions o = Load(("GEMINI_API_KEY", "gemini"), ("GOOGLE_API_KEY", "google"));
        Assert.Equal("gemini", o.Providers[AiProviderId.Google].ApiKey);
        Assert.Equal("GEMINI_API_KEY", o.Providers[AiProviderId.Google].ApiKeySource);
    }

    [Fact]
    public void FromEnvironment_AiVariables_BelongToAiProviderAndWinOverVendorVariables()
    {
        AiOpsOptions o = Load(
            ("AI_PROVIDER", "anthropic"),
            ("AI_API_KEY", "sk-ant-from-ai"),
            ("AI_BASE_URL", "https://ai.example.com"),
            ("AI_DEFAULT_MODEL", "claude-x"),
            ("ANTHROPIC_API_KEY", "sk-ant-vendor"),
            ("OPENAI_API_KEY", "sk-openai"));

        Assert.Equal("sk-ant-from-ai", o.Providers[AiProviderId.Anthropic].ApiKey);
        Assert.Equal("AI_API_KEY", o.Providers[AiProviderId.Anthropic].ApiKeySource);
        Assert.Equal(new Uri("https://ai.example.com"), o.Providers[AiProviderId.Anthropic].BaseUrl);
        Assert.Equal("claude-x", o.Providers[AiProviderId.Anthropic].DefaultModel);
        // The AI_* key does not leak to another provider.
        Assert.Equal("sk-openai", o.Providers[AiProviderId.OpenAI].ApiKey);
        Assert.Null(o.Providers[AiProviderId.OpenAI].DefaultModel);
    }

    [Theory]
    [InlineData("AzureOpenAI", "azure-openai")]
    [InlineData("azure_openai", "azure-openai")]
    [InlineData("Gemini", "google")]
    [InlineData("GOOGLE", "google")]
    [InlineData("OpenAI-Compatible", "openai-compatible")]
    [InlineData("Ollama", "ollama")]
    [InlineData("LOCAL", "local")]
    public void FromEnvironment_ProviderNames_AreMatchedLoosely(string given, string canonical)
    {
        Assert.Equal(canonical, Load(("AI_PROVIDER", given)).DefaultProvider.Value);
    }

    [Theory]
    [InlineData("AI_PROVIDER", "skynet", "not a provider AiOps knows")]
    [InlineData("AI_TIMEOUT", "soon", "not a duration")]
    [InlineData("AI_TIMEOUT", "-5s", "not a duration")]
    [InlineData("AI_TIMEOUT", "0", "must be positive")]
    [InlineData("AI_MAX_RETRIES", "three", "not a whole number")]
    [InlineData("AI_MAX_RETRIES", "-1", "not a whole number")]
    [InlineData("AI_RETRY_BACKOFF", "1 second", "not a duration")]
    [InlineData("AI_RETRY_MAX_DELAY", "x", "not a duration")]
    [InlineData("AI_CIRCUIT_BREAKER", "maybe", "use true or false")]
    [InlineData("AI_CIRCUIT_BREAKER_THRESHOLD", "0", "must be 1 or more")]
    [InlineData("AI_CIRCUIT_BREAKER_THRESHOLD", "1.5", "not a whole number")]
    [InlineData("AI_CIRCUIT_BREAKER_DURATION", "forever", "not a duration")]
    [InlineData("AI_RATE_LIMIT", "fast", "not a number")]
    [InlineData("AI_RATE_LIMIT", "-1", "not a number")]
    [InlineData("AI_BASE_URL", "not a url", "not an absolute http or https URL")]
    [InlineData("AI_BASE_URL", "ftp://example.com", "not an absolute http or https URL")]
    [InlineData("OPENAI_BASE_URL", "/relative/v1", "not an absolute http or https URL")]
    [InlineData("ANTHROPIC_BASE_URL", "htp:/broken", "not an absolute http or https URL")]
    [InlineData("GEMINI_BASE_URL", "::", "not an absolute http or https URL")]
    [InlineData("AZURE_OPENAI_ENDPOINT", "res.openai.azure.com", "not an absolute http or https URL")]
    public void FromEnvironment_BadValue_FailsAtLoadNamingTheVariable(string name, string value, string expected)
    {
        AiException ex = LoadFails((name, value));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_KeyVaultReferenceAsKey_IsKeptAsAReference()
    {
        AiOpsOptions o = Load(("OPENAI_API_KEY", "@Microsoft.KeyVault(VaultName=kv1;SecretName=openai)"));
        Assert.Equal("@Microsoft.KeyVault(VaultName=kv1;SecretName=openai)", o.Providers[AiProviderId.OpenAI].ApiKey);
    }

    [Fact]
    public void FromConfiguration_FlatNamesWinOverTheSection_AndStructuredSettingsBind()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AI_PROVIDER"] = "google",
            ["AI_TIMEOUT"] = "20s",
            ["AiOps:AI_TIMEOUT"] = "40s",
            ["AiOps:MaxRetries"] = "9",
            ["AiOps:AI_MAX_RETRIES"] = "4",
            ["AiOps:DefaultProvider"] = "openai",
            ["AiOps:Models:fast"] = "openai/gpt-4o-mini",
            ["AiOps:Models:resilient:0"] = "anthropic/claude-sonnet-4-5",
            ["AiOps:Models:resilient:1"] = "google/gemini-2.5-flash",
            ["AiOps:Providers:anthropic:ApiKey"] = "kv://vault/anthropic",
            ["AiOps:Providers:anthropic:BaseUrl"] = "https://anthropic.internal",
            ["AiOps:Providers:anthropic:Headers:anthropic-beta"] = "prompt-caching-2024-07-31",
            ["AiOps:Providers:AzureOpenAI:Endpoint"] = "https://res.openai.azure.com",
            ["AiOps:Providers:AzureOpenAI:Deployment"] = "gpt4o",
            ["AiOps:Providers:AzureOpenAI:ApiVersion"] = "2024-10-21",
        }).Build();

        AiOpsOptions o = AiOpsConfiguration.FromConfiguration(configuration);

        Assert.Equal(AiProviderId.Google, o.DefaultProvider);
        Assert.Equal(TimeSpan.FromSeconds(20), o.Timeout);
        Assert.Equal(4, o.MaxRetries);
        Assert.Equal("openai/gpt-4o-mini", o.ModelAliases["fast"]);
        Assert.Equal("anthropic/claude-sonnet-4-5,google/gemini-2.5-flash", o.ModelAliases["resilient"]);
        AiProviderSettings anthropic = o.Providers[AiProviderId.Anthropic];
        Assert.Equal("kv://vault/anthropic", anthropic.ApiKey);
        Assert.Equal("AiOps:Providers:anthropic:ApiKey", anthropic.ApiKeySource);
        Assert.Equal(new Uri("https://anthropic.internal"), anthropic.BaseUrl);
        Assert.Equal("prompt-caching-2024-07-31", anthropic.Headers["anthropic-beta"]);
        AiProviderSettings azure = o.Providers[AiProviderId.AzureOpenAI];
        Assert.Equal("gpt4o", azure.DefaultModel);
        Assert.Equal("2024-10-21", azure.ApiVersion);
    }

    [Fact]
    public void FromConfiguration_BadSectionValue_NamesTheSetting()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiOps:Timeout"] = "later",
        }).Build();

        AiException ex = Assert.Throws<AiException>(() => AiOpsConfiguration.FromConfiguration(configuration));
        Assert.Contains("AiOps:Timeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEveryProblemInOneMessage()
    {
        var o = new AiOpsOptions { Timeout = TimeSpan.Zero, MaxRetries = -1, CircuitBreakerThreshold = 0, RateLimit = double.NaN };

        AiException ex = Assert.Throws<AiException>(o.Validate);

        Assert.Contains("AI_TIMEOUT", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AI_MAX_RETRIES", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AI_CIRCUIT_BREAKER_THRESHOLD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AI_RATE_LIMIT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderSettings_ToString_NeverShowsTheKey()
    {
        var settings = new AiProviderSettings { ApiKey = "sk-super-secret-value" };
        Assert.DoesNotContain("sk-super-secret-value", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey=set", settings.ToString(), StringComparison.Ordinal);
    }
}
