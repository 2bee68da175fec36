// Licensed under the MIT License.

using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator.Anthropic;
using AiOps.Simulator.OpenAI;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiOps.Simulator;

/// <summary>A running simulator: Kestrel on 127.0.0.1 serving every provider's routes plus the control routes.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorState state, int port)
    {
        _app = app;
        State = state;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Gets the port Kestrel listens on.</summary>
    public int Port { get; }

    /// <summary>Gets <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the recorded requests and scenario state.</summary>
    public SimulatorState State { get; }

    /// <summary>Starts a simulator on <paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<SimulatorHost> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });

        // Make a flush wait until the socket has taken the bytes. Without this a cut scenario's context.Abort() can drop data that was
        // "flushed" but still queued in the transport, so a client might see a reset before the response headers (a connection
        // failure) instead of the mid-stream cut the scenario promises.
        builder.WebHost.UseSockets(o => o.MaxWriteBufferSize = 1);
        var state = new SimulatorState();
        builder.Services.AddSingleton(state);
        WebApplication app = builder.Build();

        app.Use(async (context, next) =>
        {
            await state.RecordAsync(context);
            await next(context);
        });

        ControlRoutes.Map(app, state);
        OpenAIRoutes.Map(app, state);
        AnthropicRoutes.Map(app, state);
        Gemini.GeminiRoutes.Map(app, state);
        // Later providers add one line each here (Anthropic, Gemini).

        await app.StartAsync(cancellationToken);
        IServerAddressesFeature addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        int actual = new Uri(addresses.Addresses.First()).Port;
        return new SimulatorHost(app, state, actual);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
