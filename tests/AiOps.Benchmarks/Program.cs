// Licensed under the MIT License.

using BenchmarkDotNet.Running;

namespace AiOps.Benchmarks;

/// <summary>The benchmark entry point: <c>dotnet pwsh ./build.ps1 bench [-Filter *Stream*]</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
