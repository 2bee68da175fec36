// Licensed under the MIT License.

namespace AiOps.PowerShell;

/// <summary>One embedding from <c>Get-AiEmbedding</c>: one per input, in input order.</summary>
public sealed class AiEmbedding
{
    /// <summary>Gets or sets the input's position in the pipeline (0-based).</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the text that was embedded.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Gets or sets the object the text came from (the string itself for string input).</summary>
    public object? InputObject { get; set; }

    /// <summary>Gets or sets the vector.</summary>
    public float[] Vector { get; set; } = [];

    /// <summary>Gets the vector's length.</summary>
    public int Dimensions => Vector.Length;

    /// <summary>Gets or sets the model.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the provider.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <inheritdoc/>
    public override string ToString() => $"[{Index}] {Dimensions} dims: {(Text.Length > 60 ? Text[..57] + "..." : Text)}";
}
