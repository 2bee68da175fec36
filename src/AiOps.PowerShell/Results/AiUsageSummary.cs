// Licensed under the MIT License.

namespace AiOps.PowerShell;

/// <summary>Tokens and cost spent with one provider and model in this session (<c>Get-AiUsage</c>).</summary>
public sealed class AiUsageSummary
{
    /// <summary>Gets or sets the provider.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Gets or sets the model.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the requests sent (each tool round and embedding batch counts one).</summary>
    public long Requests { get; set; }

    /// <summary>Gets or sets the input tokens.</summary>
    public long InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Gets or sets the cached input tokens.</summary>
    public long CachedInputTokens { get; set; }

    /// <summary>Gets or sets the reasoning tokens.</summary>
    public long ReasoningTokens { get; set; }

    /// <summary>Gets or sets the texts embedded.</summary>
    public long Embeddings { get; set; }

    /// <summary>Gets or sets the cost in US dollars of the requests whose price was known.</summary>
    public decimal Cost { get; set; }

    /// <summary>Gets or sets the requests whose price was not known (not included in <see cref="Cost"/>).</summary>
    public long UnpricedRequests { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Provider}/{Model}";
}
