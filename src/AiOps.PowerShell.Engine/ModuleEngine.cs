// Licensed under the MIT License.

namespace AiOps.PowerShell.Engine;

/// <summary>Module lifetime: what <c>Remove-Module AiOps</c> clears.</summary>
public static class ModuleEngine
{
    /// <summary>Forgets session defaults and usage, and disposes every cached client (and its HTTP connections).</summary>
    public static void Reset()
    {
        SessionState.Clear(null);
        UsageLedger.Reset();
        FactoryCache.Clear();
    }
}
