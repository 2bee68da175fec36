// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace AiOps;

/// <summary>Estimates a prompt's tokens before it is sent (for the tokens-per-minute limit and the budget).</summary>
/// <remarks>
/// <para>OpenAI model families use their real tokenizer (Microsoft.ML.Tokenizers): <c>o200k_base</c> for gpt-4o, gpt-4.1, gpt-4.5,
/// gpt-5, o1, o3, o4 and chatgpt-4o; <c>cl100k_base</c> for gpt-4, gpt-3.5 and the text-embedding models. Other models (Claude, Gemini,
/// open models) use the heuristic of one token per four characters, rounded up. Each message adds 4 tokens of framing and each
/// request 3, as OpenAI documents for chat. Images, audio and tool schemas are not counted: the estimate is a floor, and the
/// provider's reported usage corrects the running totals afterwards.</para>
/// <para>The tokenizers load lazily, once per process, the first time a model of their family is estimated.</para>
/// </remarks>
internal static class TokenEstimator
{
    private const int PerMessage = 4;
    private const int PerRequest = 3;
    private static readonly Lazy<Tokenizer> s_o200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> s_cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>Estimates the input tokens of a chat request.</summary>
    public static int EstimateChat(IEnumerable<ChatMessage> messages, string? model)
    {
        Tokenizer? tokenizer = For(model);
        int total = PerRequest;
        foreach (ChatMessage message in messages)
        {
            total += PerMessage;
            foreach (AIContent content in message.Contents)
            {
                string? text = content switch
                {
                    TextContent t => t.Text,
                    TextReasoningContent r => r.Text,
                    FunctionCallContent call => call.Name + (call.Arguments is null ? string.Empty : string.Join(' ', call.Arguments.Values)),
                    FunctionResultContent result => result.Result?.ToString(),
                    _ => null,
                };
                total += Count(text, tokenizer);
            }
        }

        return total;
    }

    /// <summary>Estimates the tokens of embedding inputs.</summary>
    public static int EstimateTexts(IEnumerable<string> values, string? model)
    {
        Tokenizer? tokenizer = For(model);
        int total = 0;
        foreach (string value in values)
        {
            total += Count(value, tokenizer);
        }

        return total;
    }

    /// <summary>Counts one text's tokens with the tokenizer, or by the four-characters heuristic.</summary>
    /// <remarks>Long texts are counted in segments of at most <see cref="Segment"/> characters, cut at white space where there is
    /// some: byte-pair encoding is quadratic in the length of a run without spaces (a base64 blob, a minified file), and an estimate
    /// must never cost more than the call. A cut adds at most one token per segment. Texts over 100,000 characters use the
    /// heuristic.</remarks>
    public static int Count(string? text, Tokenizer? tokenizer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        if (tokenizer is null || text.Length > HeuristicAbove)
        {
            return (text.Length + 3) / 4;
        }

        if (text.Length <= Segment)
        {
            return tokenizer.CountTokens(text);
        }

        int total = 0;
        int start = 0;
        while (start < text.Length)
        {
            int end = Math.Min(start + Segment, text.Length);
            if (end < text.Length)
            {
                int space = text.LastIndexOfAny([' ', '\n', '\t'], end - 1, Math.Min(256, end - start));
                end = space > start ? space : end;
            }

            total += tokenizer.CountTokens(text.AsSpan(start, end - start));
            start = end;
        }

        return total;
    }

    /// <summary>The longest piece of text handed to the tokenizer at once.</summary>
    internal const int Segment = 1024;

    /// <summary>Texts longer than this are estimated by the heuristic (they exceed most context windows, and tokenizing them costs time).</summary>
    internal const int HeuristicAbove = 100_000;

    /// <summary>Gets the tokenizer for a model family, or <see langword="null"/> when the heuristic applies.</summary>
    public static Tokenizer? For(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        if (Starts(model, "gpt-4o") || Starts(model, "gpt-4.1") || Starts(model, "gpt-4.5") || Starts(model, "gpt-5") ||
            Starts(model, "o1") || Starts(model, "o3") || Starts(model, "o4") || Starts(model, "chatgpt-4o"))
        {
            return s_o200k.Value;
        }

        if (Starts(model, "gpt-4") || Starts(model, "gpt-3.5") || Starts(model, "text-embedding-3") || Starts(model, "text-embedding-ada-002"))
        {
            return s_cl100k.Value;
        }

        return null;
    }

    private static bool Starts(string model, string prefix) => model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
