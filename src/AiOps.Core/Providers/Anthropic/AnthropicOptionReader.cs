// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Reads Anthropic options out of <c>AdditionalProperties</c>, whose values may be CLR values (code, PowerShell) or
/// <see cref="JsonElement"/>s (deserialized requests, the gateway). A value of the wrong kind is an <see cref="AiErrorKind.InvalidRequest"/>.</summary>
internal static class AnthropicOptionReader
{
    /// <summary>Reads a string option.</summary>
    public static string? ReadString(IReadOnlyDictionary<string, object?>? properties, string key, string where)
    {
        if (properties is null || !properties.TryGetValue(key, out object? value) || value is null)
        {
            return null;
        }

        return value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            _ => throw Invalid(where, key, "a string"),
        };
    }

    /// <summary>Reads a whole-number option.</summary>
    public static int? ReadInt(IReadOnlyDictionary<string, object?>? properties, string key, string where)
    {
        if (properties is null || !properties.TryGetValue(key, out object? value) || value is null)
        {
            return null;
        }

        switch (value)
        {
            case int i: return i;
            case long l when l is >= int.MinValue and <= int.MaxValue: return (int)l;
            case short s: return s;
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue: return (int)d;
            case string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed): return parsed;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out int n): return n;
            case JsonElement { ValueKind: JsonValueKind.String } e when int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n): return n;
            case JsonElement { ValueKind: JsonValueKind.Null }: return null;
            default: throw Invalid(where, key, "a whole number");
        }
    }

    /// <summary>Reads a list of names given as one comma-separated string or as a sequence of strings.</summary>
    public static List<string>? ReadNames(IReadOnlyDictionary<string, object?>? properties, string key, string where)
    {
        if (properties is null || !properties.TryGetValue(key, out object? value) || value is null)
        {
            return null;
        }

        var names = new List<string>();
        switch (value)
        {
            case string s:
                AddSplit(names, s);
                break;
            case JsonElement { ValueKind: JsonValueKind.String } e:
                AddSplit(names, e.GetString());
                break;
            case JsonElement { ValueKind: JsonValueKind.Array } e:
                foreach (JsonElement item in e.EnumerateArray())
                {
                    AddSplit(names, item.ValueKind == JsonValueKind.String ? item.GetString() : throw Invalid(where, key, "a string or a list of strings"));
                }

                break;
            case IEnumerable<string> list:
                foreach (string item in list)
                {
                    AddSplit(names, item);
                }

                break;
            case IEnumerable<object> objects:
                foreach (object item in objects)
                {
                    AddSplit(names, item as string ?? throw Invalid(where, key, "a string or a list of strings"));
                }

                break;
            default:
                throw Invalid(where, key, "a string or a list of strings");
        }

        return names;
    }

    /// <summary>Reads a cache-control option: <c>"ephemeral"</c> or <see langword="true"/>, <c>"5m"</c>, <c>"1h"</c>;
    /// <see langword="false"/> or absent means none.</summary>
    public static AnthropicCacheControl? ReadCacheControl(IReadOnlyDictionary<string, object?>? properties, string where)
    {
        if (properties is null || !properties.TryGetValue(AnthropicOptions.CacheControl, out object? value) || value is null)
        {
            return null;
        }

        string? text = value switch
        {
            bool b => b ? "ephemeral" : null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.True } => "ephemeral",
            JsonElement { ValueKind: JsonValueKind.False or JsonValueKind.Null } => null,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => throw Invalid(where, AnthropicOptions.CacheControl, "\"ephemeral\", \"5m\" or \"1h\""),
        };

        return text?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "ephemeral" or "true" => new AnthropicCacheControl(),
            "5m" or "1h" => new AnthropicCacheControl { Ttl = text.Trim().ToLowerInvariant() },
            _ => throw Invalid(where, AnthropicOptions.CacheControl, "\"ephemeral\", \"5m\" or \"1h\""),
        };
    }

    private static void AddSplit(List<string> names, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!names.Contains(part))
            {
                names.Add(part);
            }
        }
    }

    private static AiException Invalid(string where, string key, string expected) =>
        ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, key, $"Anthropic option {where}[\"{key}\"] must be {expected}.");
}
