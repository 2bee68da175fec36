// Licensed under the MIT License.

namespace AiOps.PowerShell.Engine;

/// <summary>Tokens and cost spent with one provider and model in this session.</summary>
public sealed class UsageRow
{
    /// <summary>Gets or sets the provider.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Gets or sets the model.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets how many requests were sent (tool rounds and embedding batches count one each).</summary>
    public long Requests { get; set; }

    /// <summary>Gets or sets the input tokens.</summary>
    public long InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Gets or sets the cached input tokens.</summary>
    public long CachedInputTokens { get; set; }

    /// <summary>Gets or sets the reasoning tokens.</summary>
    public long ReasoningTokens { get; set; }

    /// <summary>Gets or sets how many texts were embedded.</summary>
    public long Embeddings { get; set; }

    /// <summary>Gets or sets the cost in US dollars of the requests whose price was known.</summary>
    public decimal Cost { get; set; }

    /// <summary>Gets or sets how many requests had no known price (their cost is not in <see cref="Cost"/>).</summary>
    public long UnpricedRequests { get; set; }
}
