using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>The result of one Bicep CLI run.</summary>
internal sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    public string Describe() => $"exit code {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
}

/// <summary>
/// Runs the Bicep CLI that the test project downloads from NuGet (Azure.Bicep.CommandLine.linux-x64).
/// </summary>
internal static class BicepCli
{
    // A hang guard only: a run normally takes about a second. Nothing asserts on time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string> ExecutablePath = new(LocateExecutable);

    public static string RepoRoot { get; } = ReadMetadata("RepoRoot");

    public static string InfraDirectory => Path.Combine(RepoRoot, "infra");

    public static Task<BicepResult> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs the CLI with some environment variables set or (null) removed.</summary>
    public static async Task<BicepResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string LocateExecutable()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The tests use Azure.Bicep.CommandLine.linux-x64, which runs on Linux x64 only.");
        }

        var path = ReadMetadata("BicepPath");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI is missing at {path}. Restore tests/AiOps.Infra.Tests (its PackageDownload brings it).",
                path);
        }

        // NuGet extracts packages without Unix mode bits on some systems.
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) != 0)
        {
            return path;
        }

        try
        {
            File.SetUnixFileMode(path, mode | execute);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only package cache: run a private, executable copy instead.
            var copy = Path.Combine(Path.GetTempPath(), "aiops-infra-tests-bicep", "bicep");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(path, copy, overwrite: true);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | execute);
            return copy;
        }
    }

    private static string ReadMetadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see AiOps.Infra.Tests.csproj.");
}
