// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace AiOps.Middleware.Tests;

public sealed class MiddlewareConfigurationTests
{
    private static AiOpsOptions FromEnv(params (string Name, string Value)[] vars)
    {
        var map = vars.ToDictionary(v => v.Name, v => v.Value);
        return AiOpsConfiguration.FromEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void DefaultsMatchTheDocumentation()
    {
        AiOpsOptions o = FromEnv();
        Assert.Equal(TimeSpan.FromSeconds(100), o.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), o.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(100), o.StreamIdleTimeout);
        Assert.Equal(3, o.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), o.RetryBackoff);
        Assert.Equal(TimeSpan.FromSeconds(60), o.RetryMaxDelay);
        Assert.True(o.CircuitBreakerEnabled);
        Assert.Equal(5, o.CircuitBreakerThreshold);
        Assert.Equal(0, o.RateLimit);
        Assert.Equal(0, o.TokensPerMinute);
        Assert.Equal(0, o.MaxConcurrency);
        Assert.Equal(1000, o.RateLimitQueue);
        Assert.Empty(o.Fallback);
        Assert.False(o.CacheEnabled);
        Assert.Equal(TimeSpan.FromHours(1), o.CacheTtl);
        Assert.Equal(1000, o.CacheMaxEntries);
        Assert.Equal(0m, o.BudgetUsd);
        Assert.False(o.LogContent);
        Assert.Null(o.PricesFile);
    }

    [Fact]
    public void EveryNewVariableIsRead()
    {
        AiOpsOptions o = FromEnv(
            ("AI_RETRY_MAX_DELAY", "2m"),
            ("AI_TOTAL_TIMEOUT", "5m"),
            ("AI_STREAM_IDLE_TIMEOUT", "30"),
            ("AI_MAX_CONCURRENCY", "8"),
            ("AI_TOKENS_PER_MINUTE", "90000"),
            ("AI_RATE_LIMIT_QUEUE", "50"),
            ("AI_FALLBACK", "anthropic/claude-sonnet-4-5, google/gemini-2.5-flash ,ollama"),
            ("AI_FALLBACK_ON", "content_filter,context_length"),
            ("AI_CACHE", "on"),
            ("AI_CACHE_TTL", "10m"),
            ("AI_CACHE_MAX_ENTRIES", "20"),
            ("AI_BUDGET_USD", "12.50"),
            ("AI_LOG_CONTENT", "true"),
            ("AI_PRICES_FILE", "/etc/aiops/prices.json"));

        Assert.Equal(TimeSpan.FromMinutes(2), o.RetryMaxDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), o.TotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), o.StreamIdleTimeout);
        Assert.Equal(8, o.MaxConcurrency);
        Assert.Equal(90000, o.TokensPerMinute);
        Assert.Equal(50, o.RateLimitQueue);
        Assert.Equal(["anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash", "ollama"], o.Fallback.Select(t => t.ToString()));
        Assert.Equal([1, 2, 3], o.Fallback.Select(t => t.Priority));
        Assert.True(o.FallbackOnContentFiltered);
        Assert.True(o.FallbackOnContextLengthExceeded);
        Assert.True(o.CacheEnabled);
        Assert.Equal(TimeSpan.FromMinutes(10), o.CacheTtl);
        Assert.Equal(20, o.CacheMaxEntries);
        Assert.Equal(12.50m, o.BudgetUsd);
        Assert.True(o.LogContent);
        Assert.Equal("/etc/aiops/prices.json", o.PricesFile);
    }

    [Theory]
    [InlineData("AI_TOTAL_TIMEOUT", "soon")]
    [InlineData("AI_STREAM_IDLE_TIMEOUT", "-5")]
    [InlineData("AI_MAX_CONCURRENCY", "many")]
    [InlineData("AI_TOKENS_PER_MINUTE", "-1")]
    [InlineData("AI_RATE_LIMIT_QUEUE", "1.5")]
    [InlineData("AI_FALLBACK", "nosuchprovider/model")]
    [InlineData("AI_FALLBACK_ON", "bad_answers")]
    [InlineData("AI_CACHE", "maybe")]
    [InlineData("AI_CACHE_TTL", "0")]
    [InlineData("AI_CACHE_MAX_ENTRIES", "0")]
    [InlineData("AI_BUDGET_USD", "ten")]
    [InlineData("AI_BUDGET_USD", "-3")]
    [InlineData("AI_LOG_CONTENT", "please")]
    [InlineData("AI_RETRY_MAX_DELAY", "x")]
    public void ABadValueFailsNamingTheVariable(string name, string value)
    {
        AiException e = Assert.Throws<AiException>(() => FromEnv((name, value)));
        Assert.Equal(AiErrorKind.InvalidConfiguration, e.Kind);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSectionExpressesTargetsWithEndpointsWeightsAndPrices()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiOps:Fallback:PrimaryWeight"] = "3",
            ["AiOps:Fallback:On"] = "content_filter",
            ["AiOps:Fallback:Targets:0:Provider"] = "azure-openai",
            ["AiOps:Fallback:Targets:0:Model"] = "gpt-4o",
            ["AiOps:Fallback:Targets:0:BaseUrl"] = "https://westus.example.openai.azure.com",
            ["AiOps:Fallback:Targets:0:ApiKey"] = "env:AZURE_WEST_KEY",
            ["AiOps:Fallback:Targets:0:Weight"] = "1",
            ["AiOps:Fallback:Targets:0:Priority"] = "0",
            ["AiOps:Fallback:Targets:1"] = "anthropic/claude-haiku-4-5",
            ["AiOps:Prices:0:Model"] = "azure-openai/gpt-4o",
            ["AiOps:Prices:0:Input"] = "2.75",
            ["AiOps:Prices:0:Output"] = "11",
            ["AiOps:Cache"] = "true",
            ["AiOps:BudgetUsd"] = "5",
            ["AiOps:TotalTimeout"] = "3m",
        }).Build();

        AiOpsOptions o = AiOpsConfiguration.FromConfiguration(config);

        Assert.Equal(3, o.PrimaryWeight);
        Assert.True(o.FallbackOnContentFiltered);
        AiRouteTarget west = o.Fallback[0];
        Assert.Equal(AiProviderId.AzureOpenAI, west.Provider);
        Assert.Equal(new Uri("https://westus.example.openai.azure.com"), west.BaseUrl);
        Assert.Equal("env:AZURE_WEST_KEY", west.ApiKey);
        Assert.Equal(0, west.Priority);
        Assert.DoesNotContain("AZURE_WEST_KEY", west.ToString(), StringComparison.Ordinal);
        Assert.Equal("anthropic/claude-haiku-4-5", o.Fallback[1].ToString());
        Assert.Equal(2, o.Fallback[1].Priority);
        Assert.Equal(2.75m, o.Prices.Single().Input);
        Assert.True(o.CacheEnabled);
        Assert.Equal(5m, o.BudgetUsd);
        Assert.Equal(TimeSpan.FromMinutes(3), o.TotalTimeout);
    }

    [Fact]
    public void AFlatVariableWinsOverTheSection()
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiOps:Fallback:Targets:0"] = "anthropic/claude-haiku-4-5",
            ["AiOps:BudgetUsd"] = "5",
            ["AI_FALLBACK"] = "google/gemini-2.5-flash",
            ["AI_BUDGET_USD"] = "7",
        }).Build();

        AiOpsOptions o = AiOpsConfiguration.FromConfiguration(config);
        Assert.Equal("google/gemini-2.5-flash", Assert.Single(o.Fallback).ToString());
        Assert.Equal(7m, o.BudgetUsd);
    }

    [Fact]
    public void ABadPriceFileFailsWhenTheFactoryIsBuilt()
    {
        var options = new AiOpsOptions { PricesFile = "/nonexistent/aiops-prices.json" };
        AiException e = Assert.Throws<AiException>(() => new AiClientFactory(options, ScriptedProvider.Registry()));
        Assert.Equal("AI_PRICES_FILE", e.Parameter);
    }
}
