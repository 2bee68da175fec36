// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Turns caller values (tool arguments, tool results, option values) into JSON — shared by the Gemini provider and the
/// gateway: <see cref="JsonElement"/>, <see cref="JsonNode"/>,
/// primitives, dictionaries (PowerShell hashtables included) and lists are written directly; anything else through
/// <see cref="AIJsonUtilities.DefaultOptions"/>.</summary>
internal static class JsonValues
{
    /// <summary>Converts a value to a <see cref="JsonElement"/>.</summary>
    /// <exception cref="NotSupportedException">The value cannot be serialized.</exception>
    public static JsonElement ToElement(object? value)
    {
        if (value is JsonElement element)
        {
            return element;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value, depth: 0);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Writes a value.</summary>
    /// <exception cref="NotSupportedException">The value is nested too deeply or cannot be serialized.</exception>
    public static void Write(Utf8JsonWriter w, object? value) => Write(w, value, depth: 0);

    private static void Write(Utf8JsonWriter w, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new NotSupportedException("The value is nested more than 64 levels deep (a cycle?).");
        }

        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonElement e:
                e.WriteTo(w);
                break;
            case JsonNode node:
                node.WriteTo(w);
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or ushort or uint or ulong:
                w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case float f:
                w.WriteNumberValue(f);
                break;
            case double d:
                w.WriteNumberValue(d);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case IDictionary<string, object?> map:
                // Before IDictionary: MEAI's argument and property dictionaries implement only the generic interface.
                w.WriteStartObject();
                foreach (KeyValuePair<string, object?> pair in map)
                {
                    w.WritePropertyName(pair.Key);
                    Write(w, pair.Value, depth + 1);
                }

                w.WriteEndObject();
                break;
            case IDictionary dictionary:
                w.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    w.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    Write(w, entry.Value, depth + 1);
                }

                w.WriteEndObject();
                break;
            case IEnumerable list when value is not byte[]:
                w.WriteStartArray();
                foreach (object? item in list)
                {
                    Write(w, item, depth + 1);
                }

                w.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(w, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }
}
