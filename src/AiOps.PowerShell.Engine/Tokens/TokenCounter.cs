// Licensed under the MIT License.

using System;
using Microsoft.ML.Tokenizers;

namespace AiOps.PowerShell.Engine;

/// <summary>Counts tokens (<c>Measure-AiToken</c>): exact for OpenAI model families (o200k_base, cl100k_base), an estimate of
/// about four characters per token for models whose tokenizer is not public (Anthropic, Gemini, most local models).</summary>
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>Counts the tokens of a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="model">The model, or <see langword="null"/> for the provider's default chat model.</param>
    /// <param name="provider">The provider, or <see langword="null"/> for the default provider.</param>
    /// <returns>The count.</returns>
    public static TokenCountData Count(string text, string? model, string? provider)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? providerId = null;
        if (model is null || provider is null)
        {
            try
            {
                AiOpsOptions options = ClientResolver.CurrentOptions();
                AiProviderId id = provider is null ? options.DefaultProvider : ClientResolver.FindProvider(provider, "-Provider").Id;
                providerId = id.Value;
                if (model is null && options.Providers.TryGetValue(id, out AiProviderSettings? s))
                {
                    model = s.DefaultModel;
                }

                if (model is null && ClientResolver.Registry.TryGet(id, out AiProvider? p))
                {
                    model = p.DefaultChatModel;
                }
            }
            catch (AiException) when (provider is null)
            {
                // A bad environment variable: count with the estimate rather than fail.
            }
        }
        else
        {
            providerId = ClientResolver.FindProvider(provider, "-Provider").Id.Value;
        }

        string encoding = EncodingFor(model);
        int tokens = encoding switch
        {
            "o200k_base" => O200k.Value.CountTokens(text),
            "cl100k_base" => Cl100k.Value.CountTokens(text),
            _ => (text.Length + 3) / 4,
        };
        return new TokenCountData { Tokens = tokens, Model = model, Provider = providerId, Encoding = encoding, IsEstimate = encoding == "estimate" };
    }

    /// <summary>Picks the encoding of a model family.</summary>
    internal static string EncodingFor(string? model)
    {
        string m = (model ?? string.Empty).Trim().ToLowerInvariant();
        if (m.StartsWith("gpt-4o", StringComparison.Ordinal) || m.StartsWith("gpt-4.1", StringComparison.Ordinal) || m.StartsWith("gpt-4.5", StringComparison.Ordinal)
            || m.StartsWith("gpt-5", StringComparison.Ordinal) || m.StartsWith("chatgpt-", StringComparison.Ordinal) || m.StartsWith("gpt-oss", StringComparison.Ordinal)
            || (m.Length > 1 && m[0] == 'o' && char.IsAsciiDigit(m[1])))
        {
            return "o200k_base";
        }

        if (m.StartsWith("gpt-4", StringComparison.Ordinal) || m.StartsWith("gpt-3.5", StringComparison.Ordinal) || m.StartsWith("text-embedding-", StringComparison.Ordinal))
        {
            return "cl100k_base";
        }

        return "estimate";
    }
}
