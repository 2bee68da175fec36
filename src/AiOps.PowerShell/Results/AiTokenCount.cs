// Licensed under the MIT License.

namespace AiOps.PowerShell;

/// <summary>How many tokens a text is for a model (<c>Measure-AiToken</c>).</summary>
public sealed class AiTokenCount
{
    /// <summary>Gets or sets the token count.</summary>
    public int Tokens { get; set; }

    /// <summary>Gets or sets the characters counted.</summary>
    public int Characters { get; set; }

    /// <summary>Gets or sets the model counted for.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the provider counted for.</summary>
    public string? Provider { get; set; }

    /// <summary>Gets or sets the encoding: <c>o200k_base</c>, <c>cl100k_base</c>, or <c>estimate</c> (about four characters per token).</summary>
    public string Encoding { get; set; } = "estimate";

    /// <summary>Gets or sets a value indicating whether the count is an estimate because the model's tokenizer is not public.</summary>
    public bool IsEstimate { get; set; }

    /// <summary>Gets or sets the object counted (the string for string input).</summary>
    public object? InputObject { get; set; }

    /// <inheritdoc/>
    public override string ToString() => Tokens.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
