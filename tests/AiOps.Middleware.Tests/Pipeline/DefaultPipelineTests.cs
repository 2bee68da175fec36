// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AiOps.Middleware.Tests;

/// <summary>The default pipeline as <see cref="AiClientFactory"/> builds it, over scripted provider clients.</summary>
public sealed class DefaultPipelineTests
{
    [Fact]
    public void TheLayersComeInTheDocumentedOrder()
    {
        var options = new AiOpsOptions { RateLimit = 5, BudgetUsd = 10 };
        options.Fallback.Add(new AiRouteTarget(new AiProviderId("backup"), "b"));
        using var factory = new AiClientFactory(options, ScriptedProvider.Registry(new ScriptedProvider("main", new TestChatClient("main")), new ScriptedProvider("backup", new TestChatClient("backup"))), loggerFactory: new CollectingLoggerFactory());

        IChatClient chat = factory.GetClient(new AiProviderId("main")).ChatClient;
        var layers = new List<string>();
        for (IChatClient? c = chat; c is not null; c = (c as DelegatingChatClient)?.GetType().GetProperty("InnerClient", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(c) as IChatClient)
        {
            layers.Add(c.GetType().Name);
            if (c is not DelegatingChatClient)
            {
                break;
            }
        }

        Assert.Equal(
            [
                "AiOpsLoggingChatClient", "OpenTelemetryChatClient", "CostChatClient", "ResponseCacheChatClient", "BudgetChatClient",
                "RateLimitingChatClient", "FallbackChatClient", "TimeoutChatClient", "RetryChatClient", "CircuitBreakerChatClient",
                "TimeoutChatClient", "TestChatClient",
            ],
            layers);
    }

    [Fact]
    public void DisabledLayersAreLeftOut()
    {
        var options = new AiOpsOptions { MaxRetries = 0, CircuitBreakerEnabled = false, TotalTimeout = TimeSpan.Zero };
        using var factory = new AiClientFactory(options, ScriptedProvider.Registry(new ScriptedProvider("main", new TestChatClient("main"))));
        IChatClient chat = factory.GetClient(new AiProviderId("main")).ChatClient;
        Assert.Null(chat.GetService<RetryChatClient>());
        Assert.Null(chat.GetService<CircuitBreakerChatClient>());
        Assert.Null(chat.GetService<AiOpsLoggingChatClient>());
        Assert.NotNull(chat.GetService<ResponseCacheChatClient>());
        Assert.NotNull(chat.GetService<TimeoutChatClient>());
    }

    [Fact]
    public async Task ClientsOfOneFactoryShareTheBreakerOfAnEndpointAndFactoriesDoNot()
    {
        var inner = new TestChatClient("main") { OnResponse = (_, _, _, _) => throw Errors.Status(500) };
        var options = new AiOpsOptions { MaxRetries = 0, CircuitBreakerThreshold = 2 };
        AiProviderRegistry registry = ScriptedProvider.Registry(new ScriptedProvider("main", inner));
        using var factory = new AiClientFactory(options, registry);
        using var other = new AiClientFactory(options, registry);
        AiClient a = factory.GetClient(new AiProviderId("main"));
        using AiClient b = factory.CreateClient(new AiProviderId("main"), configure: null);
        using AiClient elsewhere = factory.CreateClient(new AiProviderId("main"), s => s.BaseUrl = new Uri("https://elsewhere.example/v1"));

        _ = await Assert.ThrowsAsync<AiException>(() => a.ChatAsync("x"));
        _ = await Assert.ThrowsAsync<AiException>(() => b.ChatAsync("x"));
        AiException open = await Assert.ThrowsAsync<AiException>(() => a.ChatAsync("x"));

        Assert.Equal(AiErrorKind.CircuitOpen, open.Kind);
        Assert.Same(a.ChatClient.GetService<AiCircuitBreaker>(), b.ChatClient.GetService<AiCircuitBreaker>());
        Assert.NotSame(a.ChatClient.GetService<AiCircuitBreaker>(), elsewhere.ChatClient.GetService<AiCircuitBreaker>());
        Assert.NotSame(a.ChatClient.GetService<AiCircuitBreaker>(), other.GetClient(new AiProviderId("main")).ChatClient.GetService<AiCircuitBreaker>());
        Assert.Equal(AiErrorKind.ServerError, (await Assert.ThrowsAsync<AiException>(() => elsewhere.ChatAsync("x"))).Kind);
    }

    [Fact]
    public async Task FallbackTargetsAreBuiltByTheFactoryWithTheirOwnResilienceAndDefaultModel()
    {
        var main = new TestChatClient("main") { OnResponse = (_, _, _, _) => throw Errors.Status(503) };
        var backup = new TestChatClient("backup") { OnResponse = (n, _, _, _) => n == 1 ? throw Errors.Status(502) : Task.FromResult(TestChatClient.Reply("from backup")) };
        var options = new AiOpsOptions { MaxRetries = 1, RetryBackoff = TimeSpan.Zero };
        options.GetProvider(new AiProviderId("backup")).DefaultModel = "backup-default";
        options.Fallback.Add(new AiRouteTarget(new AiProviderId("backup")));
        int built = 0;
        using var factory = new AiClientFactory(options, ScriptedProvider.Registry(
            new ScriptedProvider("main", main),
            new ScriptedProvider("backup", _ => { built++; return backup; })));

        ChatResponse r = await factory.GetClient(new AiProviderId("main")).ChatAsync("x");
        _ = await factory.CreateClient(new AiProviderId("main"), configure: null).ChatAsync("x");

        Assert.Equal("from backup", r.Text);
        Assert.Equal("backup", r.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.Equal(new[] { "main/test-model" }, r.AdditionalProperties[AiResponseProperties.FallbackTried]);
        Assert.Equal(2, r.AdditionalProperties[AiResponseProperties.Attempts]);
        Assert.Equal("backup-default", backup.CallOptions[0]!.ModelId);
        Assert.Equal(4, main.CallCount);
        Assert.Equal(1, built);
    }

    [Fact]
    public async Task ACachedAnswerIsFreeAndServedEvenWhenTheBudgetIsSpent()
    {
        var inner = new TestChatClient("openai") { OnResponse = (_, _, _, _) => Task.FromResult(TestChatClient.Reply("4", input: 400_000, output: 0, model: "gpt-4o")) };
        var options = new AiOpsOptions { CacheEnabled = true, BudgetUsd = 1m };
        using var factory = new AiClientFactory(options, ScriptedProvider.Registry(new ScriptedProvider("openai", inner)));
        AiClient client = factory.GetClient(AiProviderId.OpenAI);
        var gpt4o = new ChatOptions { ModelId = "gpt-4o" };

        ChatResponse first = await client.ChatAsync("2+2?", gpt4o);   // 400,000 × 2.50 / 1M = 1.00: the budget is spent
        ChatResponse cached = await client.ChatAsync("2+2?", gpt4o);
        AiException refused = await Assert.ThrowsAsync<AiException>(() => client.ChatAsync("3+3?", gpt4o));

        Assert.Equal(1.00m, first.AdditionalProperties![AiResponseProperties.Cost]);
        Assert.Equal(0m, cached.AdditionalProperties![AiResponseProperties.Cost]);
        Assert.Equal(true, cached.AdditionalProperties[AiResponseProperties.CacheHit]);
        Assert.Equal(AiErrorKind.BudgetExceeded, refused.Kind);
        Assert.Equal(1.00m, factory.Costs.TotalCost);
        Assert.Equal(1.00m, client.ChatClient.GetService<AiCostTracker>()!.TotalCost);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task LogsCarryTheOperationalFieldsButNoContentUnlessEnabled()
    {
        var logs = new CollectingLoggerFactory();
        var inner = new TestChatClient("openai")
        {
            OnResponse = (n, _, _, _) =>
            {
                if (n == 1)
                {
                    throw Errors.Status(503);
                }

                ChatResponse r = TestChatClient.Reply("The secret answer is 42", model: "gpt-4o");
                r.AdditionalProperties = new() { [AiResponseProperties.RequestId] = "req_123" };
                return Task.FromResult(r);
            },
        };
        using var factory = new AiClientFactory(new AiOpsOptions { RetryBackoff = TimeSpan.Zero }, ScriptedProvider.Registry(new ScriptedProvider("openai", inner)), loggerFactory: logs);

        _ = await factory.GetClient(AiProviderId.OpenAI).ChatAsync("my private question", new ChatOptions { ModelId = "gpt-4o" });

        FakeLogRecord done = logs.Records.Single(r => r.Category == AiOpsLoggerCategories.Chat && r.Level == LogLevel.Information);
        IReadOnlyList<KeyValuePair<string, string?>> state = done.StructuredState!;
        string Value(string key) => state.Single(s => s.Key == key).Value!;
        Assert.Equal("openai", Value("Provider"));
        Assert.Equal("gpt-4o", Value("Model"));
        Assert.Equal("10", Value("InputTokens"));
        Assert.Equal("5", Value("OutputTokens"));
        Assert.Equal("2", Value("Attempts"));
        Assert.Equal("req_123", Value("RequestId"));
        Assert.Equal("0.000075", Value("CostUsd"));
        Assert.Single(logs.Records, r => r.Category == AiOpsLoggerCategories.Resilience && r.Level == LogLevel.Warning);
        Assert.DoesNotContain("private question", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("secret answer", logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentIsLoggedOnlyWhenAiLogContentIsOn()
    {
        var logs = new CollectingLoggerFactory();
        using var factory = new AiClientFactory(new AiOpsOptions { LogContent = true }, ScriptedProvider.Registry(new ScriptedProvider("openai", new TestChatClient("openai"))), loggerFactory: logs);
        _ = await factory.GetClient(AiProviderId.OpenAI).ChatAsync("my private question");
        Assert.Contains("my private question", logs.AllText, StringComparison.Ordinal);
        Assert.Contains(logs.Records, r => r.Level == LogLevel.Debug && r.Message.Contains("response content", StringComparison.Ordinal) && r.Message.Contains("ok", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailuresAreLoggedWithKindStatusAndRequestId()
    {
        var logs = new CollectingLoggerFactory();
        var inner = new TestChatClient("openai") { OnResponse = (_, _, _, _) => throw new AiException(AiErrorKind.InvalidRequest, "bad temperature") { StatusCode = 400, RequestId = "req_bad", Provider = "openai" } };
        using var factory = new AiClientFactory(new AiOpsOptions(), ScriptedProvider.Registry(new ScriptedProvider("openai", inner)), loggerFactory: logs);
        _ = await Assert.ThrowsAsync<AiException>(() => factory.GetClient(AiProviderId.OpenAI).ChatAsync("q"));
        FakeLogRecord failed = logs.Records.Single(r => r.Category == AiOpsLoggerCategories.Chat && r.Level == LogLevel.Warning);
        Assert.Contains("InvalidRequest (status 400, request id req_bad)", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpansAndMetricsFollowTheGenAiConventionsWithAiOpsAdditions()
    {
        string provider = "otel" + Guid.NewGuid().ToString("N")[..8];
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AiOpsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var metrics = new MetricsCapture();
        var inner = new TestChatClient(provider) { OnResponse = (n, _, _, _) => n == 1 ? throw Errors.Status(503) : Task.FromResult(TestChatClient.Reply("ok", model: "gpt-4o")) };
        var options = new AiOpsOptions { RetryBackoff = TimeSpan.Zero, CacheEnabled = true };
        options.Prices.Add(new AiModelPrice { Model = provider + "/gpt-4o", Input = 1_000m, Output = 1_000m });
        using var factory = new AiClientFactory(options, ScriptedProvider.Registry(new ScriptedProvider(provider, inner)));
        AiClient client = factory.GetClient(new AiProviderId(provider));

        _ = await client.ChatAsync("hello", new ChatOptions { ModelId = "gpt-4o" });
        _ = await client.ChatAsync("hello", new ChatOptions { ModelId = "gpt-4o" });
        _ = await client.ChatStreamAsync("stream please", new ChatOptions { ModelId = "gpt-4o" }).ToListAsync();

        Activity span;
        lock (activities)
        {
            span = activities.First(a => (string?)a.GetTagItem("gen_ai.provider.name") == provider);
        }

        Assert.Equal("chat gpt-4o", span.DisplayName);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("gpt-4o", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(10, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.015, (double)span.GetTagItem("aiops.cost_usd")!, 6);
        Assert.Equal(false, span.GetTagItem("aiops.cache_hit"));
        Assert.Contains(span.Events, e => e.Name == "aiops.retry");

        Assert.NotEmpty(metrics.For("gen_ai.client.operation.duration", "gen_ai.provider.name", provider));
        Assert.Contains(metrics.For("gen_ai.client.token.usage", "gen_ai.provider.name", provider), m => (string?)m.Tags["gen_ai.token.type"] == "input" && m.Value == 10);
        Assert.NotEmpty(metrics.For("gen_ai.client.operation.time_to_first_chunk", "gen_ai.provider.name", provider));
        Assert.Single(metrics.For(AiOpsTelemetry.RetriesName, "gen_ai.provider.name", provider));
        Assert.Single(metrics.For(AiOpsTelemetry.CacheHitsName, "gen_ai.provider.name", provider));
        Assert.Equal(0.03, metrics.For(AiOpsTelemetry.CostName, "gen_ai.provider.name", provider).Sum(m => m.Value), 6);
    }

    [Fact]
    public async Task EmbeddingsGoThroughTheirPipeline()
    {
        var embeddings = new TestEmbeddingGenerator("openai") { OnGenerate = (n, v, _, _) => n == 1 ? throw Errors.Status(500) : Task.FromResult(TestEmbeddingGenerator.Vectors(v, "text-embedding-3-small")) };
        using var factory = new AiClientFactory(new AiOpsOptions { RetryBackoff = TimeSpan.Zero }, ScriptedProvider.Registry(new ScriptedProvider("openai", new TestChatClient("openai"), embeddings)));
        GeneratedEmbeddings<Embedding<float>> result = await factory.GetClient(AiProviderId.OpenAI).EmbedAsync(["one", "two"]);
        Assert.Equal(2, result.AdditionalProperties![AiResponseProperties.Attempts]);
        Assert.Equal(0.00000012m, result.AdditionalProperties[AiResponseProperties.Cost]); // 6 tokens × 0.02 / 1M
    }
}
