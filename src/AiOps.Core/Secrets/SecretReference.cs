// Licensed under the MIT License.

using System;
using System.Diagnostics.CodeAnalysis;

namespace AiOps;

/// <summary>A parsed secret reference: a Key Vault secret, an environment variable, or a literal.</summary>
internal readonly record struct SecretReference(SecretSourceKind Kind, string Value, Uri? VaultUri = null, string? SecretName = null, string? Version = null)
{
    private const string AppServicePrefix = "@Microsoft.KeyVault(";

    /// <summary>Parses the reference syntaxes DESIGN.md lists.</summary>
    public static SecretReference Parse(string text)
    {
        string s = text.Trim();
        if (s.StartsWith(AppServicePrefix, StringComparison.OrdinalIgnoreCase) && s.EndsWith(')'))
        {
            return ParseAppService(s[AppServicePrefix.Length..^1], text);
        }

        if (s.StartsWith("kv://", StringComparison.OrdinalIgnoreCase))
        {
            string rest = s[5..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == rest.Length - 1)
            {
                throw Invalid("kv:// references look like kv://<vault>/<secret>.");
            }

            string vault = rest[..slash];
            string[] parts = rest[(slash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
            return new SecretReference(SecretSourceKind.KeyVault, text, VaultFromName(vault), parts[0], parts.Length > 1 ? parts[1] : null);
        }

        if (s.StartsWith("env:", StringComparison.OrdinalIgnoreCase) && s.Length > 4)
        {
            return new SecretReference(SecretSourceKind.Environment, s[4..]);
        }

        return new SecretReference(SecretSourceKind.Literal, text);
    }

    /// <summary>Gets whether the text is a Key Vault reference.</summary>
    public static bool IsKeyVault([NotNullWhen(true)] string? text) =>
        text is not null && (text.TrimStart().StartsWith(AppServicePrefix, StringComparison.OrdinalIgnoreCase) ||
                             text.TrimStart().StartsWith("kv://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets a description safe to show: the vault and secret name, never a value.</summary>
    public string Describe() => Kind switch
    {
        SecretSourceKind.KeyVault => $"Key Vault secret '{SecretName}' in {VaultUri}",
        SecretSourceKind.Environment => $"environment variable {Value}",
        _ => "a literal key",
    };

    private static SecretReference ParseAppService(string body, string original)
    {
        string? secretUri = null, vaultName = null, secretName = null, version = null;
        foreach (string part in body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            string key = part[..eq].Trim();
            string value = part[(eq + 1)..].Trim();
            if (key.Equals("SecretUri", StringComparison.OrdinalIgnoreCase))
            {
                secretUri = value;
            }
            else if (key.Equals("VaultName", StringComparison.OrdinalIgnoreCase))
            {
                vaultName = value;
            }
            else if (key.Equals("SecretName", StringComparison.OrdinalIgnoreCase))
            {
                secretName = value;
            }
            else if (key.Equals("SecretVersion", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
            }
        }

        if (secretUri is not null)
        {
            if (!Uri.TryCreate(secretUri, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                throw Invalid("SecretUri must be an https URL such as https://myvault.vault.azure.net/secrets/openai-api-key/.");
            }

            // https://<vault>/secrets/<name>[/<version>]
            string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length < 2 || !segments[0].Equals("secrets", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("SecretUri must have the form https://<vault>/secrets/<name>[/<version>].");
            }

            return new SecretReference(SecretSourceKind.KeyVault, original, new Uri(uri.GetLeftPart(UriPartial.Authority)), segments[1], segments.Length > 2 ? segments[2] : null);
        }

        if (vaultName is not null && secretName is not null)
        {
            return new SecretReference(SecretSourceKind.KeyVault, original, VaultFromName(vaultName), secretName, version);
        }

        throw Invalid("Use @Microsoft.KeyVault(SecretUri=…) or @Microsoft.KeyVault(VaultName=…;SecretName=…).");
    }

    private static Uri VaultFromName(string vault) =>
        vault.Contains('.', StringComparison.Ordinal) ? new Uri("https://" + vault) : new Uri($"https://{vault}.vault.azure.net");

    private static AiException Invalid(string fix) =>
        new(AiErrorKind.InvalidConfiguration, "A Key Vault secret reference is malformed. " + fix);
}
