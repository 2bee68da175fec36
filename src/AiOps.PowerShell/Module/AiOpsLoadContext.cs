// Licensed under the MIT License.

using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AiOps.PowerShell;

/// <summary>The module's own <see cref="AssemblyLoadContext"/>: the engine, AiOps.Core and every dependency load from the
/// module's <c>Dependencies</c> folder here, whatever versions other modules loaded into the default context.</summary>
/// <remarks><para>Anything not in <c>Dependencies</c> (the BCL) comes from the default context, so BCL types are shared across
/// the boundary. Native libraries (for example ONNX runtimes) load from <c>Dependencies/runtimes/&lt;rid&gt;/native</c>.</para>
/// <para>One instance lives for the process: assemblies cannot be unloaded from a non-collectible context, so a second
/// <c>Import-Module</c> after <c>Remove-Module</c> reuses it.</para></remarks>
internal sealed class AiOpsLoadContext : AssemblyLoadContext
{
    private static readonly Lazy<AiOpsLoadContext> LazyInstance = new(() => new AiOpsLoadContext(DefaultDirectory()));

    private readonly string _directory;

    private AiOpsLoadContext(string directory)
        : base("AiOps", isCollectible: false)
    {
        _directory = directory;
    }

    /// <summary>Gets the process-wide instance.</summary>
    public static AiOpsLoadContext Instance => LazyInstance.Value;

    /// <summary>Gets the folder dependencies load from.</summary>
    public string Directory => _directory;

    /// <inheritdoc/>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is null)
        {
            return null;
        }

        string path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    /// <inheritdoc/>
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (string candidate in NativeCandidates(unmanagedDllName))
        {
            if (File.Exists(candidate))
            {
                return LoadUnmanagedDllFromPath(candidate);
            }
        }

        return IntPtr.Zero;
    }

    private System.Collections.Generic.IEnumerable<string> NativeCandidates(string name)
    {
        string rid = RuntimeInformation.RuntimeIdentifier;
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string[] folders =
        [
            Path.Combine(_directory, "runtimes", rid, "native"),
            Path.Combine(_directory, "runtimes", $"{os}-{arch}", "native"),
            _directory,
        ];
        string[] names = OperatingSystem.IsWindows()
            ? [name, name + ".dll"]
            : OperatingSystem.IsMacOS() ? [name, "lib" + name + ".dylib", name + ".dylib"] : [name, "lib" + name + ".so", name + ".so"];
        foreach (string folder in folders)
        {
            foreach (string file in names)
            {
                yield return Path.Combine(folder, file);
            }
        }
    }

    private static string DefaultDirectory() =>
        Path.Combine(Path.GetDirectoryName(typeof(AiOpsLoadContext).Assembly.Location) ?? AppContext.BaseDirectory, "Dependencies");
}
