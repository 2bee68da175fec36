// Licensed under the MIT License.

namespace AiOps.PowerShell.Engine;

/// <summary>How many tokens a text is for a model.</summary>
public sealed class TokenCountData
{
    /// <summary>Gets or sets the token count.</summary>
    public int Tokens { get; set; }

    /// <summary>Gets or sets the model counted for.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the provider counted for.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the encoding: <c>o200k_base</c>, <c>cl100k_base</c>, or <c>estimate</c>.</summary>
    public string Encoding { get; set; } = "estimate";

    /// <summary>Gets or sets a value indicating whether the count is an estimate (about 4 characters per token) because the model's tokenizer is not public.</summary>
    public bool IsEstimate { get; set; }
}
