// Licensed under the MIT License.

namespace AiOps.PowerShell.Engine;

/// <summary>Says where a key comes from without showing it.</summary>
internal static class KeyDescription
{
    /// <summary>Describes a provider's key: <c>present (OPENAI_API_KEY)</c>, <c>Key Vault reference (Set-AiDefault)</c>, <c>missing</c>.</summary>
    public static string Describe(AiProviderSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            return settings.Credential is not null ? "Entra ID credential" : "missing";
        }

        string source = settings.ApiKeySource ?? "configuration";
        if (AiSecretResolver.IsKeyVaultReference(settings.ApiKey))
        {
            return $"Key Vault reference ({source})";
        }

        return settings.ApiKey.StartsWith("env:", System.StringComparison.OrdinalIgnoreCase)
            ? $"environment reference ({source})"
            : $"present ({source})";
    }
}
