// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Model-name rules of the OpenAI family.</summary>
internal static class OpenAIModelRules
{
    /// <summary>Returns whether system prompts go out as <c>developer</c> messages for this model: the o-series
    /// (<c>o1</c>, <c>o3</c>, <c>o4-mini</c>, …) and <c>gpt-5*</c>. "With o1 models and newer, <c>developer</c> messages replace the
    /// previous <c>system</c> messages" (wire-formats §1.2).</summary>
    /// <param name="model">The model (for Azure: the deployment name, which is usually named after the model).</param>
    /// <returns>Whether to send <c>developer</c>.</returns>
    public static bool PrefersDeveloperRole(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return false;
        }

        ReadOnlySpan<char> m = model.AsSpan();
        int slash = m.LastIndexOf('/');
        if (slash >= 0)
        {
            m = m[(slash + 1)..];
        }

        if (m.Length >= 2 && (m[0] == 'o' || m[0] == 'O') && char.IsAsciiDigit(m[1]))
        {
            int end = 1;
            while (end < m.Length && char.IsAsciiDigit(m[end]))
            {
                end++;
            }

            // "o1", "o3-mini", "o4-mini-2025-04-16"; not a name that merely starts with o and digits ("o1x").
            return end == m.Length || m[end] == '-' || m[end] == '.';
        }

        return m.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Returns whether an Azure <c>api-version</c> predates a date (<c>2024-09-01</c>): versions compare by their date prefix.</summary>
    public static bool IsApiVersionBefore(string? apiVersion, string date) =>
        apiVersion is { Length: >= 10 } && string.CompareOrdinal(apiVersion, 0, date, 0, 10) < 0;
}
