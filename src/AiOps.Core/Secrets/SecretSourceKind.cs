// Licensed under the MIT License.

namespace AiOps;

/// <summary>Where a secret's value comes from.</summary>
internal enum SecretSourceKind
{
    /// <summary>The text is the secret.</summary>
    Literal,

    /// <summary>The text names an environment variable (<c>env:NAME</c>).</summary>
    Environment,

    /// <summary>The text references an Azure Key Vault secret.</summary>
    KeyVault,
}
