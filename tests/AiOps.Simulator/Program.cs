// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;

// dotnet run --project tests/AiOps.Simulator -- --port 5055 [--parent-pid <pid>]
int port = 0;
int? parentPid = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--parent-pid" when i + 1 < args.Length:
            parentPid = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--help" or "-h":
            Console.WriteLine("AiOps provider simulator. Options: --port <n> (0 = a free port), --parent-pid <pid> (exit when that process exits).");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --port <n> and --parent-pid <pid>.");
            return 2;
    }
}

using var stop = new CancellationTokenSource();

// Ctrl+C (SIGINT) and SIGTERM both stop the simulator cleanly; the web host's own console lifetime is not running
// (the host is started, not run), so the signals are handled here.
using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

await using SimulatorHost host = await SimulatorHost.StartAsync(port, stop.Token);
Console.WriteLine($"LISTENING {host.Port}");
Console.Out.Flush();

if (parentPid is int pid)
{
    _ = Task.Run(async () =>
    {
        try
        {
            using Process parent = Process.GetProcessById(pid);
            await parent.WaitForExitAsync(stop.Token);
        }
        catch (ArgumentException)
        {
            // The parent is already gone.
        }
        catch (OperationCanceledException)
        {
            return;
        }

        stop.Cancel();
    });
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
