// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace AiOps;

/// <summary>The Gemini-specific options read from <c>ChatOptions.AdditionalProperties</c> and <c>EmbeddingGenerationOptions.AdditionalProperties</c>
/// (documented in docs/providers.md). Values may be CLR values or <see cref="JsonElement"/>s; a value of the wrong type fails
/// with <see cref="AiErrorKind.InvalidRequest"/> naming the key. Unknown keys are ignored (they may belong to another provider).</summary>
internal static class GeminiOptions
{
    /// <summary>A list of <c>{category, threshold}</c> objects sent as <c>safetySettings</c>.</summary>
    public const string SafetySettings = "safety_settings";

    /// <summary>A cached content name (<c>cachedContents/…</c>) sent as <c>cachedContent</c>.</summary>
    public const string CachedContent = "cached_content";

    /// <summary>An integer sent as <c>thinkingConfig.thinkingBudget</c> (0 off, -1 automatic); wins over <c>ChatOptions.Reasoning.Effort</c>.</summary>
    public const string ThinkingBudget = "thinking_budget";

    /// <summary>A string sent as <c>thinkingConfig.thinkingLevel</c> (Gemini 3: <c>low</c>, <c>high</c>).</summary>
    public const string ThinkingLevel = "thinking_level";

    /// <summary>A boolean sent as <c>thinkingConfig.includeThoughts</c>; wins over <c>ChatOptions.Reasoning.Output</c>.</summary>
    public const string IncludeThoughts = "include_thoughts";

    /// <summary>A media type sent as <c>generationConfig.responseMimeType</c> (for example <c>text/x.enum</c>); wins over the response format.</summary>
    public const string ResponseMimeType = "response_mime_type";

    /// <summary>A string sent as <c>generationConfig.mediaResolution</c>.</summary>
    public const string MediaResolution = "media_resolution";

    /// <summary>The embedding task type (<c>RETRIEVAL_QUERY</c>, <c>retrieval_document</c>, …; upper-cased).</summary>
    public const string TaskType = "task_type";

    /// <summary>The embedding title (used by Gemini with <c>RETRIEVAL_DOCUMENT</c>).</summary>
    public const string Title = "title";

    /// <summary>Reads a string option.</summary>
    public static string? GetString(IReadOnlyDictionary<string, object?>? properties, string key, string provider)
    {
        if (!TryGet(properties, key, out object? value))
        {
            return null;
        }

        return value switch
        {
            string s when s.Length > 0 => s,
            JsonElement { ValueKind: JsonValueKind.String } e when e.GetString() is { Length: > 0 } s => s,
            _ => throw Bad(provider, key, "a non-empty string"),
        };
    }

    /// <summary>Reads an integer option.</summary>
    public static int? GetInt(IReadOnlyDictionary<string, object?>? properties, string key, string provider)
    {
        if (!TryGet(properties, key, out object? value))
        {
            return null;
        }

        try
        {
            return value switch
            {
                int i => i,
                long or short or byte or sbyte or uint or ushort => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                double d when d == Math.Floor(d) => checked((int)d),
                JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out int i) => i,
                string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) => i,
                _ => throw Bad(provider, key, "an integer"),
            };
        }
        catch (OverflowException)
        {
            throw Bad(provider, key, "an integer");
        }
    }

    /// <summary>Reads a boolean option.</summary>
    public static bool? GetBool(IReadOnlyDictionary<string, object?>? properties, string key, string provider)
    {
        if (!TryGet(properties, key, out object? value))
        {
            return null;
        }

        return value switch
        {
            bool b => b,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            string s when bool.TryParse(s, out bool b) => b,
            _ => throw Bad(provider, key, "true or false"),
        };
    }

    /// <summary>Reads a JSON array option (a list of objects).</summary>
    public static JsonElement? GetArray(IReadOnlyDictionary<string, object?>? properties, string key, string provider)
    {
        if (!TryGet(properties, key, out object? value))
        {
            return null;
        }

        JsonElement element;
        try
        {
            element = JsonValues.ToElement(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw Bad(provider, key, "a list of objects");
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Bad(provider, key, "a list of objects");
        }

        foreach (JsonElement item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Bad(provider, key, "a list of objects");
            }
        }

        return element;
    }

    private static bool TryGet(IReadOnlyDictionary<string, object?>? properties, string key, out object? value)
    {
        value = null;
        return properties is not null && properties.TryGetValue(key, out value) && value is not null &&
               !(value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined });
    }

    private static AiException Bad(string provider, string key, string expected) =>
        ChatRequestValidator.Invalid(provider, $"AdditionalProperties[{key}]", $"The Gemini option '{key}' must be {expected}.");
}
