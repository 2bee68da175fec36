// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>One caller key and its rules.</summary>
public sealed class GatewayKeyOptions
{
    /// <summary>Gets or sets the key's name, used in logs, batch ownership and rate limiting (never the key itself).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the key as a secret reference: a literal, <c>env:NAME</c>, or a Key Vault reference (re-read after the secret cache TTL, so rotation needs no restart).</summary>
    public string? Key { get; set; }

    /// <summary>Gets the models this key may use: aliases, <c>provider/model</c>, <c>provider/*</c> or <c>*</c>. Empty means every model.</summary>
    public IList<string> AllowedModels { get; } = new List<string>();

    /// <summary>Gets or sets the most requests per minute this key may send; 0 means no limit.</summary>
    /// <value>The default value is 0.</value>
    public int RequestsPerMinute { get; set; }

    /// <summary>Gets or sets a value indicating whether the key's value is a comma-separated list of keys (flat <c>AIOPS_GATEWAY_KEYS</c>
    /// entries and the vault's <c>aiops-gateway-keys</c> secret); every key in the list is this caller.</summary>
    internal bool IsList { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"GatewayKey({Name})";
}
