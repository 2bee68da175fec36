// Licensed under the MIT License.

using System;
using System.Text.RegularExpressions;

namespace AiOps;

/// <summary>Removes keys from text that may be shown to users (provider messages, logs).</summary>
internal static partial class SecretRedactor
{
    /// <summary>The text that replaces a removed secret.</summary>
    public const string Mask = "***";

    /// <summary>Replaces <paramref name="secret"/> (and anything shaped like a provider key) in <paramref name="text"/>.</summary>
    public static string? Redact(string? text, string? secret = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return KeyShape().Replace(text, Mask);
    }

    /// <summary>Masks a key for display: at most the first 3 and last 2 characters survive, and only for long keys.</summary>
    public static string MaskForDisplay(string? secret) =>
        string.IsNullOrEmpty(secret) ? "(none)" : secret.Length < 16 ? Mask : string.Concat(secret.AsSpan(0, 3), Mask, secret.AsSpan(secret.Length - 2));

    // OpenAI (sk-…, sk-proj-…), Anthropic (sk-ant-…), Google (AIza…) keys, also when the provider already masked part of them.
    [GeneratedRegex(@"\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_\-\*\.]{3,}|AIza[0-9A-Za-z_\-]{10,})")]
    private static partial Regex KeyShape();
}
