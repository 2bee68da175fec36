// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

public sealed class CostTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];

    [Fact]
    public void CachedAndReasoningTokensArePricedAtTheirOwnRatesNeverTwice()
    {
        // o3: input 2.00, cached 0.50, output 8.00 per million. 10,000 in (4,000 cached) and 2,000 out (1,500 reasoning, billed as output).
        var usage = new UsageDetails { InputTokenCount = 10_000, CachedInputTokenCount = 4_000, OutputTokenCount = 2_000, ReasoningTokenCount = 1_500 };
        Assert.Equal(0.030m, AiPriceTable.Default.ComputeCost("openai", "o3-2025-04-16", "o3", usage));

        var custom = AiPriceTable.Default.With([new AiModelPrice { Model = "sim/thinker", Input = 1m, CachedInput = 0.1m, Output = 4m, Reasoning = 2m }]);
        // 1,000 plain in × 1 + 500 cached × 0.1 + 300 visible out × 4 + 700 reasoning × 2 = 1,000 + 50 + 1,200 + 1,400 per million
        Assert.Equal(0.00365m, custom.ComputeCost("sim", "thinker", null, new UsageDetails { InputTokenCount = 1_500, CachedInputTokenCount = 500, OutputTokenCount = 1_000, ReasoningTokenCount = 700 }));
    }

    [Fact]
    public void AnthropicCacheWritesAndReadsArePriced()
    {
        // claude-sonnet-4-5: input 3.00, cache read 0.30, cache write 3.75, output 15.00.
        var usage = new UsageDetails
        {
            InputTokenCount = 10_000,
            CachedInputTokenCount = 6_000,
            OutputTokenCount = 1_000,
            AdditionalCounts = new() { [AiUsageCounts.CacheWriteInputTokens] = 2_000 },
        };
        // 2,000 plain × 3 + 6,000 × 0.30 + 2,000 × 3.75 + 1,000 × 15 = 6,000 + 1,800 + 7,500 + 15,000 = 30,300 / 1e6
        Assert.Equal(0.0303m, AiPriceTable.Default.ComputeCost("anthropic", "claude-sonnet-4-5-20250929", null, usage));
    }

    [Fact]
    public void LongPromptsUseTheLongContextTier()
    {
        // gemini-2.5-pro: 1.25/10 up to 200k input tokens, 2.50/15 above.
        Assert.Equal(0.2550m, AiPriceTable.Default.ComputeCost("google", "gemini-2.5-pro", null, new UsageDetails { InputTokenCount = 200_000, OutputTokenCount = 500 }));
        Assert.Equal(0.5075025m, AiPriceTable.Default.ComputeCost("google", "gemini-2.5-pro", null, new UsageDetails { InputTokenCount = 200_001, OutputTokenCount = 500 }));
    }

    [Fact]
    public void UnknownModelsAndUnknownCachedPricesGetNoCost()
    {
        Assert.Null(AiPriceTable.Default.ComputeCost("openai", "gpt-99", "gpt-99", new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1 }));
        Assert.Null(AiPriceTable.Default.ComputeCost("azure-openai", "my-deployment", null, new UsageDetails { InputTokenCount = 1 }));
        Assert.Null(AiPriceTable.Default.ComputeCost("google", "gemini-2.5-flash", null, new UsageDetails { InputTokenCount = 100, CachedInputTokenCount = 50 }));
        Assert.Null(AiPriceTable.Default.ComputeCost("openai", "gpt-4o", null, null));
        Assert.Equal(0.00075m, AiPriceTable.Default.ComputeCost("google", "gemini-2.5-flash", null, new UsageDetails { InputTokenCount = 2_500 }));
    }

    [Fact]
    public void TheShippedTableIsDatedAndCoversTheThreeVendors()
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", AiPriceTable.Default.AsOf);
        Assert.True(AiPriceTable.Default.TryGetPrice("openai", "gpt-4o-mini", out AiModelPrice? mini));
        Assert.Equal((0.15m, 0.075m, 0.60m), (mini.Input, mini.CachedInput, mini.Output));
        Assert.True(AiPriceTable.Default.TryGetPrice("Anthropic", "claude-haiku-4-5", out _));
        Assert.True(AiPriceTable.Default.TryGetPrice("gemini", "gemini-2.0-flash", out _));
    }

    [Fact]
    public async Task ResponsesCarryTheirCostAndTotalsAreKeptPerTagAndModel()
    {
        using var metrics = new MetricsCapture();
        var parent = new AiCostTracker();
        var tracker = new AiCostTracker(parent: parent);
        var inner = new TestChatClient("openai") { OnResponse = (_, _, _, _) => Task.FromResult(TestChatClient.Reply("ok", input: 1_000_000, output: 100_000, model: "gpt-4o-mini-2024-07-18")) };
        using var client = new CostChatClient(inner, tracker);
        var tagged = new ChatOptions { ModelId = "gpt-4o-mini", AdditionalProperties = new() { [AiRequestProperties.Tag] = "job-42" } };

        ChatResponse r1 = await client.GetResponseAsync(s_prompt, tagged);
        _ = await client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "gpt-4o-mini" });

        Assert.Equal(0.21m, r1.AdditionalProperties![AiResponseProperties.Cost]); // 0.15 + 0.06
        Assert.Equal(0.42m, tracker.TotalCost);
        Assert.Equal(0.21m, tracker.CostByTag["job-42"]);
        Assert.Equal(0.42m, tracker.CostByModel["openai/gpt-4o-mini-2024-07-18"]);
        Assert.Equal(2, tracker.Calls);
        Assert.Equal(2_000_000, tracker.InputTokens);
        Assert.Equal(0.42m, parent.TotalCost);
        Assert.Same(tracker, client.GetService<AiCostTracker>());
        Assert.Equal(0.21, metrics.For(AiOpsTelemetry.CostName, "aiops.tag", "job-42").Single().Value, 6);
    }

    [Fact]
    public async Task TheStreamUpdateCarryingUsageCarriesTheCost()
    {
        var tracker = new AiCostTracker();
        var inner = new TestChatClient("openai");
        using var client = new CostChatClient(inner, tracker);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(s_prompt, new ChatOptions { ModelId = "gpt-4o" }).ToListAsync();

        // 10 input × 2.50 + 5 output × 10.00 per million
        Assert.Equal(0.000075m, updates[^1].AdditionalProperties![AiResponseProperties.Cost]);
        Assert.All(updates.Take(updates.Count - 1), u => Assert.Null(u.AdditionalProperties));
        Assert.Equal(0.000075m, tracker.TotalCost);
    }

    [Fact]
    public async Task CacheHitsAndUnknownModelsAreCountedWithoutCost()
    {
        var tracker = new AiCostTracker();
        var inner = new TestChatClient("openai")
        {
            OnResponse = (n, _, _, _) =>
            {
                ChatResponse r = TestChatClient.Reply("ok", model: n == 1 ? "gpt-4o" : "mystery");
                if (n == 1)
                {
                    r.AdditionalProperties = new() { [AiResponseProperties.CacheHit] = true };
                }

                return Task.FromResult(r);
            },
        };
        using var client = new CostChatClient(inner, tracker);
        ChatResponse hit = await client.GetResponseAsync(s_prompt);
        ChatResponse unknown = await client.GetResponseAsync(s_prompt);

        Assert.Equal(0m, hit.AdditionalProperties![AiResponseProperties.Cost]);
        Assert.False(unknown.AdditionalProperties?.ContainsKey(AiResponseProperties.Cost) ?? false);
        Assert.Equal(2, tracker.Calls);
        Assert.Equal(1, tracker.UnpricedCalls);
        Assert.Equal(10, tracker.InputTokens); // the unpriced call's tokens were spent; the cache hit's were not
    }

    [Fact]
    public async Task TheBudgetRefusesACallWhoseEstimateWouldPassItBeforeSending()
    {
        using var metrics = new MetricsCapture();
        var budget = new AiCostTracker(budget: 0.01m);
        var tracker = new AiCostTracker(parent: budget);
        var inner = new TestChatClient("budget-test");
        var prices = AiPriceTable.Default.With([new AiModelPrice { Model = "budget-test/m", Input = 1m, Output = 10m }]);
        using var client = new BudgetChatClient(inner, tracker, prices);

        // "hi" is ~8 tokens; 999 output tokens at 10/M = 0.00999 + 0.000008 = 0.009998 — fits.
        _ = await client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "m", MaxOutputTokens = 999 });
        AiException e = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "m", MaxOutputTokens = 1_001 }));

        Assert.Equal(AiErrorKind.BudgetExceeded, e.Kind);
        Assert.Equal("AI_BUDGET_USD", e.Parameter);
        Assert.False(e.IsRetryable);
        Assert.Equal(1, inner.CallCount);
        Assert.Single(metrics.For(AiOpsTelemetry.BudgetRejectionsName, "gen_ai.provider.name", "budget-test"));

        budget.Record("budget-test", "m", null, null, 0.01m);
        AiException spent = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt, new ChatOptions { ModelId = "unknown" }));
        Assert.Equal(AiErrorKind.BudgetExceeded, spent.Kind);
    }

    [Fact]
    public async Task CallsInFlightReserveTheirEstimate()
    {
        var budget = new AiCostTracker(budget: 0.015m);
        var gate = new TaskCompletionSource<ChatResponse>();
        var inner = new TestChatClient("budget-test") { OnResponse = (n, _, _, _) => n == 1 ? gate.Task : Task.FromResult(TestChatClient.Reply("ok")) };
        var prices = AiPriceTable.Default.With([new AiModelPrice { Model = "budget-test/m", Input = 0m, Output = 10m }]);
        using var client = new BudgetChatClient(inner, budget, prices);
        var options = new ChatOptions { ModelId = "m", MaxOutputTokens = 1_000 }; // 0.01 each

        Task<ChatResponse> first = client.GetResponseAsync(s_prompt, options);
        _ = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt, options));
        gate.SetResult(TestChatClient.Reply("ok"));
        _ = await first;
        _ = await client.GetResponseAsync(s_prompt, options); // the reservation was released
        Assert.Equal(2, inner.CallCount);
    }

    [Fact]
    public async Task EmbeddingsArePricedAndBudgeted()
    {
        var budget = new AiCostTracker(budget: 1m);
        var inner = new TestEmbeddingGenerator("openai") { OnGenerate = (_, v, _, _) => Task.FromResult(TestEmbeddingGenerator.Vectors(v, "text-embedding-3-small")) };
        using var generator = new CostEmbeddingGenerator(inner, budget);
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync([new string('a', 1_000_000)], new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small" });
        Assert.Equal(0.02m, result.AdditionalProperties![AiResponseProperties.Cost]);
        Assert.Equal(0.02m, budget.TotalCost);
    }

    [Fact]
    public void PriceFilesOverrideAndExtendTheShippedTable()
    {
        string path = Path.Combine(Path.GetTempPath(), $"aiops-prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            // my negotiated prices
            { "asOf": "2026-01-01", "models": {
                "openai/gpt-4o": { "input": 1.0, "output": 2.0 },
                "azure-openai/prod-gpt4o": { "input": 2.75, "cachedInput": 1.375, "output": 11.0, },
            } }
            """);
        try
        {
            AiPriceTable table = AiPriceTable.Default.With(AiPriceTable.LoadFile(path));
            Assert.Equal(3.0m / 1_000_000m * 1_000_000m, table.ComputeCost("openai", "gpt-4o", null, new UsageDetails { InputTokenCount = 1_000_000, OutputTokenCount = 1_000_000 }));
            Assert.True(table.TryGetPrice("azure-openai", "prod-gpt4o", out _));
            Assert.True(table.TryGetPrice("openai", "gpt-4o-mini", out _));
        }
        finally
        {
            File.Delete(path);
        }

        AiException missing = Assert.Throws<AiException>(() => AiPriceTable.LoadFile("/nonexistent/prices.json"));
        Assert.Equal(AiErrorKind.InvalidConfiguration, missing.Kind);
        Assert.Equal("AI_PRICES_FILE", missing.Parameter);
        AiException bad = Assert.Throws<AiException>(() => AiPriceTable.Load(new MemoryStream(Encoding.UTF8.GetBytes("{\"models\":{\"no-slash\":{\"input\":1}}}"))));
        Assert.Contains("provider/model", bad.Message, StringComparison.Ordinal);
    }
}
