// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>The <c>max_tokens</c> AiOps sends when the caller gives none (Anthropic requires the field on every request).</summary>
/// <remarks>
/// <para>Claude 3 (Haiku, Sonnet, Opus): 4,096, the models' own output limit. Claude 3.5: 8,192, likewise.
/// Everything newer or unknown (Claude 3.7, 4, 4.x and later): 16,384 — a generous answer that stays below the 21,333 tokens
/// above which Anthropic's SDKs refuse non-streamed calls because they may run past ten minutes.</para>
/// <para>With extended thinking and no explicit limit, the thinking budget is added on top, so thinking never eats the answer.</para>
/// </remarks>
internal static class AnthropicModelDefaults
{
    /// <summary>The default for Claude 3 models.</summary>
    public const int Claude3 = 4096;

    /// <summary>The default for Claude 3.5 models.</summary>
    public const int Claude35 = 8192;

    /// <summary>The default for every newer (and unknown) model.</summary>
    public const int Current = 16384;

    /// <summary>Returns the default output cap for a model id.</summary>
    public static int MaxTokens(string model)
    {
        ReadOnlySpan<char> m = model.AsSpan();
        if (m.StartsWith("claude-3-5-", StringComparison.OrdinalIgnoreCase) || m.StartsWith("claude-3.5-", StringComparison.OrdinalIgnoreCase))
        {
            return Claude35;
        }

        if (m.StartsWith("claude-3-haiku", StringComparison.OrdinalIgnoreCase) ||
            m.StartsWith("claude-3-sonnet", StringComparison.OrdinalIgnoreCase) ||
            m.StartsWith("claude-3-opus", StringComparison.OrdinalIgnoreCase))
        {
            return Claude3;
        }

        return Current;
    }
}
