// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Gateway.Tests;

/// <summary>Azurite (npm <c>azurite</c> 3.37.0) on free loopback ports, in-memory, started for a test class and stopped after it.</summary>
/// <remarks>Installed on first use with <c>npm install --prefix out/tools/azurite azurite@3.37.0</c> (repo-local, under a lock file so
/// parallel test processes install once). Azurite declares Node 22 but its blob and queue services run on the build machines' Node 20.</remarks>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    public const string Version = "3.37.0";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private string? _workDir;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        string root = RepoRoot();
        string prefix = Path.Combine(root, "out", "tools", "azurite");
        string script = Path.Combine(prefix, "node_modules", "azurite", "dist", "src", "azurite.js");
        await InstallAsync(prefix, script);

        _workDir = Directory.CreateTempSubdirectory("aiops-azurite-").FullName;
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            script, "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        int? blob = null, queue = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (blob is null || queue is null)
        {
            string? line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                string error = await _process.StandardError.ReadToEndAsync(timeout.Token);
                throw new InvalidOperationException("Azurite exited before listening: " + error);
            }

            Match m = Listening().Match(line);
            if (m.Success)
            {
                int port = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (m.Groups[1].Value == "Blob")
                {
                    blob = port;
                }
                else if (m.Groups[1].Value == "Queue")
                {
                    queue = port;
                }
            }
        }

        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;";
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_workDir is not null)
        {
            try
            {
                Directory.Delete(_workDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Finds the repository root (the folder with AiOps.sln) above the test assembly.</summary>
    public static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AiOps.sln was not found above " + AppContext.BaseDirectory);
    }

    private static async Task InstallAsync(string prefix, string script)
    {
        if (File.Exists(script))
        {
            return;
        }

        Directory.CreateDirectory(prefix);
        string lockPath = Path.Combine(prefix, ".install.lock");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        FileStream? gate = null;
        while (gate is null)
        {
            try
            {
                gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Another test process is installing: wait for it.
                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
        }

        using (gate)
        {
            if (File.Exists(script))
            {
                return;
            }

            var psi = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { "install", "--prefix", prefix, $"azurite@{Version}", "--no-audit", "--no-fund", "--ignore-scripts" })
            {
                psi.ArgumentList.Add(arg);
            }

            using Process npm = Process.Start(psi) ?? throw new InvalidOperationException("npm is needed to install Azurite (npm install --prefix out/tools/azurite azurite@" + Version + ").");
            Task<string> stdout = npm.StandardOutput.ReadToEndAsync();
            Task<string> stderr = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync(deadline.Token);
            if (npm.ExitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException($"Installing Azurite failed (exit {npm.ExitCode}): {await stderr}{await stdout}");
            }
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
