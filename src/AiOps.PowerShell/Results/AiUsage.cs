// Licensed under the MIT License.

using System.Globalization;

namespace AiOps.PowerShell;

/// <summary>Token counts of one chat result (summed over its tool rounds).</summary>
public sealed class AiUsage
{
    /// <summary>Gets or sets the input (prompt) tokens.</summary>
    public long? InputTokens { get; set; }

    /// <summary>Gets or sets the output (completion) tokens.</summary>
    public long? OutputTokens { get; set; }

    /// <summary>Gets or sets the total tokens.</summary>
    public long? TotalTokens { get; set; }

    /// <summary>Gets or sets the input tokens served from the provider's prompt cache.</summary>
    public long? CachedInputTokens { get; set; }

    /// <summary>Gets or sets the reasoning tokens (part of the output tokens).</summary>
    public long? ReasoningTokens { get; set; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "in={0} out={1} total={2}",
        InputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?",
        OutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "?",
        TotalTokens?.ToString(CultureInfo.InvariantCulture) ?? "?");
}
