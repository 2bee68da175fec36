// Licensed under the MIT License.

using System.Globalization;

namespace AiOps.PowerShell;

/// <summary>One match from <c>Compare-AiEmbedding</c>: a candidate and its cosine similarity to the query.</summary>
public sealed class AiSimilarity
{
    /// <summary>Gets or sets the rank (1 = most similar).</summary>
    public int Rank { get; set; }

    /// <summary>Gets or sets the cosine similarity (-1 to 1; higher is closer).</summary>
    public double Similarity { get; set; }

    /// <summary>Gets or sets the candidate's text.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the candidate's original input object.</summary>
    public object? InputObject { get; set; }

    /// <summary>Gets or sets the candidate embedding.</summary>
    public AiEmbedding? Embedding { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Rank}. {Similarity.ToString("0.0000", CultureInfo.InvariantCulture)} {Text}";
}
