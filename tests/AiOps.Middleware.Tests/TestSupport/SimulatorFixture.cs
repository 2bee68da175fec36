// Licensed under the MIT License.

using System;
using System.Threading.Tasks;
using AiOps.Simulator;

namespace AiOps.Middleware.Tests;

/// <summary>One in-process simulator per test class. Tests keep their requests apart with unique model names.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private SimulatorHost? _host;

    public SimulatorHost Host => _host ?? throw new InvalidOperationException("The simulator has not started.");

    public Uri OpenAIBase => new(Host.BaseAddress, "/v1/");

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
