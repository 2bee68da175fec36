// Licensed under the MIT License.

using System;
using System.Threading.Tasks;
using AiOps.Simulator;

namespace AiOps.Tests;

/// <summary>One in-process simulator per test class (xUnit class fixture). Scenarios are chosen per request, so tests in a class
/// share it safely; assertions on recorded requests filter by a unique model name or <c>x-sim-key</c>.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private SimulatorHost? _host;

    public SimulatorHost Host => _host ?? throw new InvalidOperationException("The simulator has not started.");

    public Uri BaseAddress => Host.BaseAddress;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
