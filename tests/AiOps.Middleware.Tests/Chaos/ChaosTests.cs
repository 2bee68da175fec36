// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace AiOps.Middleware.Tests;

/// <summary>1,000 requests through the full default pipeline against the simulator with 30 % mixed faults.</summary>
/// <remarks>Time is a FakeTimeProvider moved forward by a pump (50 ms of fake time per real millisecond) so retries,
/// server hints, timeouts and circuit breaks all happen without real waits; nothing here asserts on timing.</remarks>
public sealed class ChaosTests(SimulatorFixture sim, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    private const int Requests = 1000;
    private const int MaxRetries = 3;

    // (scenario, streamed, the request can succeed)
    private static readonly (string Scenario, bool Stream)[] s_faults =
    [
        ("ratelimit-1", false), ("flaky-1-429", false), ("error-500", false), ("flaky-2-500", false), ("overloaded", false),
        ("flaky-1-529", true), ("reset", false), ("cut-2", true), ("midstream-1", true), ("slow-200", false), ("ratelimit-120", false),
        ("error-502", true), ("flaky-1-503", true),
    ];

    [Fact]
    public async Task EveryRequestEndsTypedWithinTheRetryBudgetAndTheCircuitBehaves()
    {
        using var metrics = new MetricsCapture();
        var time = new SignalingTimeProvider();
        var options = new AiOpsOptions { MaxRetries = MaxRetries, CircuitBreakerThreshold = 8, CircuitBreakerDuration = TimeSpan.FromSeconds(5) };
        using AiClientFactory factory = SimClients.Factory(sim, options, time);
        AiClient client = factory.GetClient(AiProviderId.OpenAI);
        string endpoint = sim.Host.BaseAddress.GetLeftPart(UriPartial.Authority); // this class's simulator: its own port

        var random = new Random(20250101);
        var plan = Enumerable.Range(0, Requests).Select(i =>
        {
            bool fault = random.NextDouble() < 0.30;
            (string scenario, bool stream) = fault ? s_faults[random.Next(s_faults.Length)] : ("text", random.Next(2) == 0);
            return (Model: $"sim-{scenario}-r{i}", Stream: stream, Fault: fault);
        }).ToArray();

        using var pumpStop = new CancellationTokenSource();
        Task pump = Task.Run(async () =>
        {
            while (!pumpStop.IsCancellationRequested)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                await Task.Delay(1);
            }
        });

        var outcomes = new ConcurrentDictionary<string, Outcome>();
        // Requests arrive at 20 a second of fake time, so the run spans many circuit breaks.
        using var gate = new SemaphoreSlim(32);
        Task[] calls = [.. plan.Select(async (p, i) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50 * i), time);
            await gate.WaitAsync();
            try
            {
                outcomes[p.Model] = await RunAsync(client, p.Model, p.Stream);
            }
            finally
            {
                gate.Release();
            }
        })];

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromMinutes(3)); // none hangs
        await pumpStop.CancelAsync();
        await pump;

        // Every request ended in a success or a typed AiException.
        Assert.Equal(Requests, outcomes.Count);
        Assert.All(outcomes.Values, o => Assert.True(o.Success || o.Error is AiException, $"{o.Model}: {o.Error}"));

        // No request used more attempts than the retry budget, and successes report the attempts the provider saw.
        IReadOnlyList<RecordedRequest> recorded = sim.Host.State.Requests;
        var perModel = recorded.Select(SimClients.ModelOf).Where(m => m is not null && m.Contains("-r", StringComparison.Ordinal)).GroupBy(m => m!).ToDictionary(g => g.Key, g => g.Count());
        int total = plan.Sum(p => perModel.GetValueOrDefault(p.Model));
        Assert.All(plan, p => Assert.InRange(perModel.GetValueOrDefault(p.Model), 0, MaxRetries + 1));
        Assert.InRange(total, Requests - outcomes.Values.Count(o => o.Error is AiException { Kind: AiErrorKind.CircuitOpen }), Requests * (MaxRetries + 1));
        Assert.All(outcomes.Values.Where(o => o.Success && o.Attempts is not null), o => Assert.Equal(perModel[o.Model], o.Attempts));

        // Healthy requests succeed unless the circuit was open or the clock pump let an attempt time out.
        Assert.All(plan.Where(p => !p.Fault).Select(p => outcomes[p.Model]), o =>
            Assert.True(o.Success || o.Error is AiException { Kind: AiErrorKind.CircuitOpen or AiErrorKind.Timeout }, $"{o.Model}: {o.Error}"));
        Assert.All(plan.Where(p => p.Model.Contains("error-500", StringComparison.Ordinal) || p.Model.Contains("ratelimit-120", StringComparison.Ordinal)).Select(p => outcomes[p.Model]), o => Assert.False(o.Success));

        // The circuit: a refusal says when to retry (never later than one break), refusals sent nothing, opens were counted,
        // and after a break a healthy call closes it.
        var refused = outcomes.Values.Where(o => o.Error is AiException { Kind: AiErrorKind.CircuitOpen }).ToList();
        Assert.All(refused, o => Assert.InRange(((AiException)o.Error!).RetryAfter!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
        Assert.Contains(outcomes.Values, o => o.Success);
        time.Advance(TimeSpan.FromSeconds(6));
        ChatResponse after = await client.ChatAsync("hi", new ChatOptions { ModelId = "sim-text-after" });
        Assert.False(string.IsNullOrEmpty(after.Text));
        Assert.Equal(AiCircuitState.Closed, client.ChatClient.GetService<AiCircuitBreaker>()!.State);
        string[] changes = [.. metrics.For(AiOpsTelemetry.CircuitStateChangesName, "server.address", endpoint).Select(m => (string)m.Tags["aiops.circuit.state"]!)];
        output.WriteLine($"{outcomes.Values.Count(o => o.Success)} succeeded, {refused.Count} refused by the open circuit, {total} provider attempts; circuit changes: {string.Join(",", changes)}");
        foreach (IGrouping<string, Outcome> kind in outcomes.Values.Where(o => !o.Success).GroupBy(o => ((AiException)o.Error!).Kind.ToString()))
        {
            output.WriteLine($"  {kind.Key}: {kind.Count()}");
        }

        if (refused.Count > 0)
        {
            Assert.Contains("open", changes);
        }

        // The state changes follow the machine (open -> half_open -> closed | open), and the healthy call after a break closed it.
        for (int i = 1; i < changes.Length; i++)
        {
            Assert.True(changes[i - 1] switch { "open" => changes[i] == "half_open", "half_open" => changes[i] is "closed" or "open", _ => changes[i] == "open" }, string.Join(",", changes));
        }

        Assert.True(changes.Length == 0 || changes[^1] == "closed", string.Join(",", changes));
    }

    private static async Task<Outcome> RunAsync(AiClient client, string model, bool stream)
    {
        var options = new ChatOptions { ModelId = model };
        try
        {
            if (stream)
            {
                int? attempts = null;
                string text = string.Empty;
                await foreach (ChatResponseUpdate u in client.ChatStreamAsync("hello", options))
                {
                    attempts ??= u.AdditionalProperties?.TryGetValue(AiResponseProperties.Attempts, out object? a) == true ? (int?)a : null;
                    text += u.Text;
                }

                return new Outcome(model, true, attempts, null);
            }

            ChatResponse r = await client.ChatAsync("hello", options);
            return new Outcome(model, !string.IsNullOrEmpty(r.Text), (int?)r.AdditionalProperties?[AiResponseProperties.Attempts], null);
        }
        catch (Exception ex)
        {
            return new Outcome(model, false, null, ex);
        }
    }

    private sealed record Outcome(string Model, bool Success, int? Attempts, Exception? Error);
}
