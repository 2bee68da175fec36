// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The caller's <c>extra_body</c> object and pass-through fields, answering "does the caller override this field?".</summary>
internal readonly struct OpenAIExtraBody
{
    private readonly AdditionalPropertiesDictionary? _properties;
    private readonly object? _extra;
    private readonly bool _embeddings;

    private OpenAIExtraBody(AdditionalPropertiesDictionary? properties, object? extra, bool embeddings)
    {
        _properties = properties;
        _extra = extra;
        _embeddings = embeddings;
    }

    /// <summary>Gets a value indicating whether there is nothing to pass through.</summary>
    public bool IsEmpty => _properties is null || _properties.Count == 0;

    /// <summary>Reads the pass-through state of a request's additional properties.</summary>
    /// <exception cref="AiException"><c>extra_body</c> is not an object, or names a field the client owns.</exception>
    public static OpenAIExtraBody From(AdditionalPropertiesDictionary? properties, bool embeddings, string provider)
    {
        if (properties is null || properties.Count == 0 || !properties.TryGetValue(OpenAIOptionKeys.ExtraBody, out object? extra) || extra is null)
        {
            return new OpenAIExtraBody(properties, null, embeddings);
        }

        if (extra is not (JsonElement { ValueKind: JsonValueKind.Object } or JsonObject or IDictionary<string, object?> or IDictionary))
        {
            throw ChatRequestValidator.Invalid(provider, OpenAIOptionKeys.ExtraBody, "extra_body must be an object (a dictionary, hashtable or JSON object) whose members are added to the request body.");
        }

        var body = new OpenAIExtraBody(properties, extra, embeddings);
        foreach (string reserved in embeddings ? (string[])["model", "input"] : ["model", "messages", "stream"])
        {
            if (body.ExtraContains(reserved))
            {
                throw ChatRequestValidator.Invalid(provider, OpenAIOptionKeys.ExtraBody, $"extra_body may not set '{reserved}'; AiOps sets it. Use the matching option instead.");
            }
        }

        return body;
    }

    /// <summary>Returns whether the caller sets <paramref name="field"/> (as a pass-through property or in <c>extra_body</c>).</summary>
    public bool Overrides(string field)
    {
        if (_properties is null || _properties.Count == 0)
        {
            return false;
        }

        bool passThrough = _embeddings ? OpenAIOptionKeys.IsEmbeddingPassThrough(field) : OpenAIOptionKeys.IsChatPassThrough(field);
        return (passThrough && _properties.ContainsKey(field)) || ExtraContains(field);
    }

    /// <summary>Writes the pass-through properties, then the <c>extra_body</c> members (which win).</summary>
    public void WriteTo(Utf8JsonWriter writer, string provider)
    {
        if (_properties is null || _properties.Count == 0)
        {
            return;
        }

        foreach (KeyValuePair<string, object?> p in _properties)
        {
            bool passThrough = _embeddings ? OpenAIOptionKeys.IsEmbeddingPassThrough(p.Key) : OpenAIOptionKeys.IsChatPassThrough(p.Key);
            if (passThrough && !ExtraContains(p.Key))
            {
                WriteMember(writer, p.Key, p.Value, provider);
            }
        }

        switch (_extra)
        {
            case JsonElement element:
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    p.WriteTo(writer);
                }

                break;
            case JsonObject node:
                foreach (KeyValuePair<string, JsonNode?> p in node)
                {
                    writer.WritePropertyName(p.Key);
                    if (p.Value is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        p.Value.WriteTo(writer);
                    }
                }

                break;
            case IDictionary<string, object?> dictionary:
                foreach (KeyValuePair<string, object?> p in dictionary)
                {
                    WriteMember(writer, p.Key, p.Value, provider);
                }

                break;
            case IDictionary hashtable:
                foreach (DictionaryEntry p in hashtable)
                {
                    WriteMember(writer, Convert.ToString(p.Key, CultureInfo.InvariantCulture) ?? string.Empty, p.Value, provider);
                }

                break;
            default:
                break;
        }
    }

    private static void WriteMember(Utf8JsonWriter writer, string name, object? value, string provider)
    {
        writer.WritePropertyName(name);
        try
        {
            OpenAIJson.WriteValue(writer, value);
        }
        catch (System.NotSupportedException ex)
        {
            throw new AiException(
                AiErrorKind.InvalidRequest,
                $"The value of '{name}' ({value?.GetType().Name}) cannot be written as JSON: {ex.Message} Pass a string, number, boolean, dictionary or JsonElement. Nothing was sent.",
                ex)
            {
                Provider = provider,
                Parameter = name,
            };
        }
    }

    private bool ExtraContains(string field) => _extra switch
    {
        JsonElement element => element.TryGetProperty(field, out _),
        JsonObject node => node.ContainsKey(field),
        IDictionary<string, object?> dictionary => dictionary.ContainsKey(field),
        IDictionary hashtable => hashtable.Contains(field),
        _ => false,
    };
}
