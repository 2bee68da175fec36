// Licensed under the MIT License.

using System.Runtime.CompilerServices;

namespace AiOps.PowerShell;

/// <summary>Calls into the engine from module cleanup, in its own method so the engine loads only if it was used.</summary>
internal static class EngineLifetime
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Reset() => Engine.ModuleEngine.Reset();
}
