// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>The default pipeline end to end: a provider client over real HTTP against the simulator's faults.</summary>
public sealed class SimulatorPipelineTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => sim.Host;

    [Fact]
    public async Task TheRetryAfterHeadersOfA429AreHonouredExactly()
    {
        var time = new SignalingTimeProvider();
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { MaxRetries = 1, TotalTimeout = TimeSpan.Zero, RetryBackoff = TimeSpan.FromSeconds(30) }, time);
        string model = SimClients.Unique("ratelimit-2");

        Task<ChatResponse> call = factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = model });
        await time.WaitForTimersAsync(2); // the attempt timeout, then the retry delay
        Assert.Single(SimClients.For(Host, model));
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Single(SimClients.For(Host, model));
        time.Advance(TimeSpan.FromMilliseconds(1));
        AiException e = await Assert.ThrowsAsync<AiException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(AiErrorKind.RateLimited, e.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
        Assert.Equal(2, SimClients.For(Host, model).Count);
    }

    [Fact]
    public async Task AHintAboveTheCapFailsAtOnce()
    {
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { RetryMaxDelay = TimeSpan.FromSeconds(5) });
        string model = SimClients.Unique("ratelimit-90");
        AiException e = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = model }));
        Assert.Equal(AiErrorKind.RateLimited, e.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), e.RetryAfter);
        Assert.Single(SimClients.For(Host, model));
    }

    [Theory]
    [InlineData("flaky-2", 3)]
    [InlineData("flaky-1-529", 2)]
    [InlineData("flaky-3-500", 4)]
    [InlineData("flaky-1-429", 2)]
    public async Task TransientFailuresAreRetriedUntilSuccess(string scenario, int attempts)
    {
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { RetryBackoff = TimeSpan.Zero });
        string model = SimClients.Unique(scenario);
        ChatResponse r = await factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = model });
        Assert.Equal(attempts, r.AdditionalProperties![AiResponseProperties.Attempts]);
        Assert.Equal(attempts, SimClients.For(Host, model).Count);
        Assert.False(string.IsNullOrEmpty(r.Text));
    }

    [Theory]
    [InlineData("quota", AiErrorKind.QuotaExceeded)]
    [InlineData("noretry", AiErrorKind.ServerError)]
    [InlineData("error-400", AiErrorKind.InvalidRequest)]
    [InlineData("error-401", AiErrorKind.Authentication)]
    [InlineData("context", AiErrorKind.ContextLengthExceeded)]
    public async Task NonRetryableErrorsAreSentOnce(string scenario, AiErrorKind kind)
    {
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { RetryBackoff = TimeSpan.Zero });
        string model = SimClients.Unique(scenario);
        AiException e = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = model }));
        Assert.Equal(kind, e.Kind);
        Assert.Single(SimClients.For(Host, model));
    }

    [Theory]
    [InlineData("reset", AiErrorKind.ServerError)]
    [InlineData("error-500", AiErrorKind.ServerError)]
    [InlineData("overloaded", AiErrorKind.Overloaded)]
    [InlineData("error-408", AiErrorKind.Timeout)]
    public async Task PersistentTransientFailuresUseTheWholeRetryBudget(string scenario, AiErrorKind kind)
    {
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { MaxRetries = 2, RetryBackoff = TimeSpan.Zero, CircuitBreakerEnabled = false });
        string model = SimClients.Unique(scenario);
        AiException e = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = model }));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(3, SimClients.For(Host, model).Count);
    }

    [Fact]
    public async Task AStreamIsRetriedBeforeItsFirstChunkButNotAfterAMidStreamError()
    {
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { RetryBackoff = TimeSpan.Zero });
        string flaky = SimClients.Unique("flaky-1-503");
        // midstream-2: two chunks, then an error event on the 200 stream. (cut-N aborts the connection, and a TCP reset can
        // discard bytes the client has not read yet, so whether a cut lands before or after the first chunk is a race; the chaos
        // test covers it.)
        string cut = SimClients.Unique("midstream-2");

        List<ChatResponseUpdate> ok = await factory.GetClient().ChatStreamAsync("hi", new ChatOptions { ModelId = flaky }).ToListAsync();
        var seen = new List<ChatResponseUpdate>();
        AiException e = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate u in factory.GetClient().ChatStreamAsync("hi", new ChatOptions { ModelId = cut }))
            {
                seen.Add(u);
            }
        });

        Assert.Equal(2, ok[0].AdditionalProperties![AiResponseProperties.Attempts]);
        Assert.Equal(2, SimClients.For(Host, flaky).Count);
        Assert.True(e.Kind == AiErrorKind.StreamInterrupted, $"{e.Kind}: {e.Message} after {seen.Count} updates; requests {SimClients.For(Host, cut).Count}");
        Assert.NotEmpty(seen);
        Assert.Single(SimClients.For(Host, cut));
    }

    [Fact]
    public async Task AnOutageOpensTheCircuitWhichFailsFastThenAProbeClosesIt()
    {
        var time = new SignalingTimeProvider();
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { MaxRetries = 0, CircuitBreakerThreshold = 3, CircuitBreakerDuration = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.Zero }, time);
        string down = SimClients.Unique("error-503");
        for (int i = 0; i < 3; i++)
        {
            _ = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = down }));
        }

        AiException open = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = down }));
        Assert.Equal(AiErrorKind.CircuitOpen, open.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), open.RetryAfter);
        Assert.Equal(3, SimClients.For(Host, down).Count);

        time.Advance(TimeSpan.FromSeconds(30));
        string healthy = SimClients.Unique("text");
        _ = await factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = healthy });
        Assert.Equal(AiCircuitState.Closed, factory.GetClient().ChatClient.GetService<AiCircuitBreaker>()!.State);
    }

    [Fact]
    public async Task AnAttemptThatHangsTimesOutAndIsRetried()
    {
        var time = new SignalingTimeProvider();
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { MaxRetries = 1, RetryBackoff = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(100), TotalTimeout = TimeSpan.Zero, CircuitBreakerEnabled = false }, time);
        string model = SimClients.Unique("slow-60000");

        Task<ChatResponse> call = factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = model });
        await time.WaitForTimersAsync(1);
        time.Advance(TimeSpan.FromSeconds(100));
        await time.WaitForTimersAsync(2); // the retry delay
        time.Advance(TimeSpan.FromSeconds(1));
        await time.WaitForTimersAsync(3);
        time.Advance(TimeSpan.FromSeconds(100));
        AiException e = await Assert.ThrowsAsync<AiException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(AiErrorKind.Timeout, e.Kind);
        Assert.Contains("AI_TIMEOUT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingProviderFallsBackToAnotherOverHttp()
    {
        var options = new AiOpsOptions { MaxRetries = 1, RetryBackoff = TimeSpan.Zero };
        string backupModel = SimClients.Unique("text");
        options.Fallback.Add(new AiRouteTarget(AiProviderId.Anthropic, backupModel));
        using AiClientFactory factory = SimClients.Factory(sim, options, providers: ["openai", "anthropic"]);
        string primaryModel = SimClients.Unique("overloaded");

        ChatResponse r = await factory.GetClient().ChatAsync("hi", new ChatOptions { ModelId = primaryModel });

        Assert.Equal("anthropic", r.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.Equal(new[] { "openai/" + primaryModel }, r.AdditionalProperties[AiResponseProperties.FallbackTried]);
        Assert.Equal(2, SimClients.For(Host, primaryModel).Count);
        Assert.Single(SimClients.For(Host, backupModel));
    }

    [Fact]
    public async Task NeitherTheKeyNorTheAiOpsOptionsLeakToLogsOrTheWire()
    {
        var logs = new CollectingLoggerFactory();
        using AiClientFactory factory = SimClients.Factory(sim, new AiOpsOptions { RetryBackoff = TimeSpan.Zero }, logs: logs);
        string flaky = SimClients.Unique("flaky-1-401");
        string failing = SimClients.Unique("error-401");
        var options = new ChatOptions { ModelId = flaky, AdditionalProperties = new() { [AiRequestProperties.Tag] = "job-7" } };

        _ = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("my secret prompt", options));
        _ = await Assert.ThrowsAsync<AiException>(() => factory.GetClient().ChatAsync("my secret prompt", new ChatOptions { ModelId = failing }));

        RecordedRequest sent = SimClients.For(Host, flaky)[0];
        Assert.Equal("Bearer " + SimClients.Key, sent.Headers["Authorization"]);
        Assert.DoesNotContain("aiops.", sent.Body, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Records);
        Assert.DoesNotContain(SimClients.Key, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("my secret prompt", logs.AllText, StringComparison.Ordinal);
    }
}
