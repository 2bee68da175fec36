// Licensed under the MIT License.

using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace AiOps.PowerShell;

/// <summary>Hooks the default load context when the module is imported, so the engine assembly (and through it every
/// dependency) loads into <see cref="AiOpsLoadContext"/>; unhooks it and clears session state on <c>Remove-Module</c>.</summary>
/// <remarks>This is the PowerShell team's bridge pattern: only <c>AiOps.PowerShell.Engine</c> is resolved here; everything the
/// engine needs is then resolved by the custom context itself, never by the default context.</remarks>
public sealed class AiOpsModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>The engine assembly's name.</summary>
    internal const string EngineAssemblyName = "AiOps.PowerShell.Engine";

    private static readonly object Gate = new();
    private static bool _hooked;
    private static bool _engineLoaded;

    /// <inheritdoc/>
    public void OnImport()
    {
        lock (Gate)
        {
            if (!_hooked)
            {
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
                _hooked = true;
            }
        }
    }

    /// <inheritdoc/>
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (_hooked)
            {
                AssemblyLoadContext.Default.Resolving -= ResolveEngine;
                _hooked = false;
            }

            if (_engineLoaded)
            {
                EngineLifetime.Reset();
            }
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal))
        {
            return null;
        }

        Assembly engine = AiOpsLoadContext.Instance.LoadFromAssemblyName(name);
        _engineLoaded = true;
        return engine;
    }
}
