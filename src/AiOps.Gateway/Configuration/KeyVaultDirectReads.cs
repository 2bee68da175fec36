// Licensed under the MIT License.

using System;
using Microsoft.Extensions.Configuration;

namespace AiOps.Gateway;

/// <summary>With <c>AIOPS_KEYVAULT_URI</c> set (infra/ sets it), keys are also read from the vault directly, so a rotated secret is used
/// within the secret cache TTL (or at once after a provider 401 / an unknown gateway key) instead of whenever the platform refreshes
/// its <c>@Microsoft.KeyVault(...)</c> app settings (up to 24 hours).</summary>
/// <remarks>Secret names follow infra/ (docs/deploy.md): <c>openai-api-key</c>, <c>anthropic-api-key</c>, <c>gemini-api-key</c>,
/// <c>azure-openai-api-key</c>, <c>aiops-gateway-keys</c>. A provider key is switched to a vault read only when its app setting is present
/// (infra/ adds the setting only when the secret exists).</remarks>
internal static class KeyVaultDirectReads
{
    /// <summary>The app setting naming the vault.</summary>
    public const string VaultVariable = "AIOPS_KEYVAULT_URI";

    /// <summary>The secret holding the comma-separated gateway keys.</summary>
    public const string GatewayKeysSecret = "aiops-gateway-keys";

    private static readonly (string Variable, string Secret)[] s_providerSecrets =
    [
        ("OPENAI_API_KEY", "openai-api-key"),
        ("ANTHROPIC_API_KEY", "anthropic-api-key"),
        ("GEMINI_API_KEY", "gemini-api-key"),
        ("AZURE_OPENAI_API_KEY", "azure-openai-api-key"),
    ];

    /// <summary>Gets the vault, or <see langword="null"/> when direct reads are off.</summary>
    public static Uri? Vault(IConfiguration configuration)
    {
        string? text = configuration[VaultVariable];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"{VaultVariable} is '{text}'; use the vault URI, e.g. https://myvault.vault.azure.net/.") { Parameter = VaultVariable };
        }

        return uri;
    }

    /// <summary>Gets the reference to a secret in the vault.</summary>
    public static string Reference(Uri vault, string secret) => $"@Microsoft.KeyVault(SecretUri={vault.GetLeftPart(UriPartial.Authority)}/secrets/{secret}/)";

    /// <summary>Points provider keys that came from infra's app settings at the vault.</summary>
    public static void Apply(AiOpsOptions options, IConfiguration configuration)
    {
        if (Vault(configuration) is not Uri vault)
        {
            return;
        }

        foreach (AiProviderSettings settings in options.Providers.Values)
        {
            foreach ((string variable, string secret) in s_providerSecrets)
            {
                if (settings.ApiKey is not null && settings.ApiKeySource == variable && !AiSecretResolver.IsKeyVaultReference(settings.ApiKey))
                {
                    settings.ApiKey = Reference(vault, secret);
                    settings.ApiKeySource = $"{variable} (read from Key Vault secret '{secret}')";
                }
            }
        }
    }
}
