// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Simulator;

/// <summary>The answer the simulator will give, in provider-neutral terms; each dialect writes it in its wire format.</summary>
public sealed class SimReply
{
    public string Text { get; init; } = string.Empty;

    public IReadOnlyList<SimToolCall> ToolCalls { get; init; } = [];

    /// <summary><c>stop</c>, <c>length</c>, <c>tool_calls</c> or <c>content_filter</c>; dialects map it to their own values.</summary>
    public string FinishReason { get; init; } = "stop";

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    public int CachedTokens { get; init; }

    public int ReasoningTokens { get; init; }

    /// <summary>Prompt tokens written to a prompt cache (Anthropic <c>cache_creation_input_tokens</c>); part of <see cref="PromptTokens"/>.</summary>
    public int CacheWriteTokens { get; init; }

    /// <summary>The model's visible reasoning (Anthropic thinking blocks), or <see langword="null"/> for none.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Returns a copy with <paramref name="reasoning"/> as the reasoning.</summary>
    public SimReply WithReasoning(string reasoning) => new()
    {
        Text = Text,
        ToolCalls = ToolCalls,
        FinishReason = FinishReason,
        PromptTokens = PromptTokens,
        CompletionTokens = CompletionTokens + ReplyPlanner.CountWords(reasoning),
        CachedTokens = CachedTokens,
        ReasoningTokens = ReasoningTokens + ReplyPlanner.CountWords(reasoning),
        CacheWriteTokens = CacheWriteTokens,
        Reasoning = reasoning,
    };

    /// <summary>Splits the text into stream chunks (words with their trailing space, or <paramref name="count"/> near-equal parts).</summary>
    public IReadOnlyList<string> Chunks(int? count)
    {
        var chunks = new List<string>();
        if (Text.Length == 0)
        {
            return chunks;
        }

        if (count is int n && n > 0)
        {
            int size = (Text.Length + n - 1) / n;
            for (int i = 0; i < Text.Length; i += size)
            {
                chunks.Add(Text.Substring(i, System.Math.Min(size, Text.Length - i)));
            }

            return chunks;
        }

        int start = 0;
        for (int i = 0; i < Text.Length; i++)
        {
            if (Text[i] == ' ')
            {
                chunks.Add(Text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < Text.Length)
        {
            chunks.Add(Text[start..]);
        }

        return chunks;
    }
}

/// <summary>A tool call the simulated model makes.</summary>
public sealed record SimToolCall(string Id, string Name, string ArgumentsJson);
