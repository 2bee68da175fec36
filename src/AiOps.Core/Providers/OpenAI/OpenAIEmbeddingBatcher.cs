// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;

namespace AiOps;

/// <summary>Splits embedding inputs into requests within OpenAI's limits: at most 2,048 inputs and 300,000 tokens summed over a
/// request (wire-formats §2).</summary>
/// <remarks>Tokens are estimated, not counted: one token per three UTF-8 bytes, rounded up. English averages about four characters a
/// token, so the estimate errs high and a batch stays under the real limit; for scripts with multi-byte characters it is close to a
/// token per character.</remarks>
internal static class OpenAIEmbeddingBatcher
{
    /// <summary>The per-request token limit (summed over every input).</summary>
    public const int MaxTokensPerRequest = 300_000;

    /// <summary>Estimates the tokens of one input.</summary>
    public static int EstimateTokens(string input) => (Encoding.UTF8.GetByteCount(input) + 2) / 3;

    /// <summary>Returns the batches as (start, count) ranges over <paramref name="inputs"/>, in order.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="maxInputs">The most inputs in one request.</param>
    /// <param name="maxTokens">The most estimated tokens in one request (an input larger than this goes alone).</param>
    public static List<(int Start, int Count)> Split(IReadOnlyList<string> inputs, int maxInputs, int maxTokens = MaxTokensPerRequest)
    {
        var batches = new List<(int Start, int Count)>();
        int start = 0;
        int count = 0;
        long tokens = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            int estimate = EstimateTokens(inputs[i]);
            if (count > 0 && (count == maxInputs || tokens + estimate > maxTokens))
            {
                batches.Add((start, count));
                start = i;
                count = 0;
                tokens = 0;
            }

            count++;
            tokens += estimate;
        }

        if (count > 0)
        {
            batches.Add((start, count));
        }

        return batches;
    }
}
