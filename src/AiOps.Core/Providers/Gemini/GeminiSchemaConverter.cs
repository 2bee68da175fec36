// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiOps;

/// <summary>Turns a caller's JSON Schema into one Gemini's <c>responseJsonSchema</c> / <c>parametersJsonSchema</c> accept
/// (wire-formats §4.7: <c>$id, $defs, $ref, $anchor, type, format, title, description, enum, items, prefixItems, minItems, maxItems,
/// minimum, maximum, anyOf, oneOf, properties, additionalProperties, required, propertyOrdering</c>).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Supported keywords are kept (type arrays such as <c>["string","null"]</c> included).</item>
/// <item>Annotations that constrain nothing are dropped: <c>$schema</c>, <c>$comment</c>, <c>default</c>, <c>examples</c>,
/// <c>example</c>, <c>readOnly</c>, <c>writeOnly</c>, <c>deprecated</c>, <c>contentEncoding</c>, <c>contentMediaType</c>, <c>x-*</c>.</item>
/// <item>Converted: <c>const</c> → one-value <c>enum</c>; an <c>enum</c> holding <c>null</c> → <c>anyOf</c> of the non-null enum and
/// <c>{"type":"null"}</c>; <c>allOf</c> with one schema → merged into its parent; <c>definitions</c> → <c>$defs</c> (refs rewritten).</item>
/// <item>Value checks Gemini does not list (<c>pattern</c>, <c>minLength</c>, <c>maxLength</c>, <c>exclusiveMinimum</c>,
/// <c>exclusiveMaximum</c>, <c>multipleOf</c>, <c>uniqueItems</c>, <c>minProperties</c>, <c>maxProperties</c>) move into
/// <c>description</c> so the model still sees them; Gemini does not enforce them.</item>
/// <item>Anything else (<c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>allOf</c> with several schemas, <c>patternProperties</c>,
/// <c>propertyNames</c>, <c>dependentSchemas</c>, external <c>$ref</c>s, <c>false</c> schemas, enums of objects, unknown keywords, …)
/// fails with <see cref="AiErrorKind.InvalidRequest"/> naming the keyword and where it is, before anything is sent.</item>
/// </list>
/// </remarks>
internal static class GeminiSchemaConverter
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "$schema", "$comment", "default", "examples", "example", "readOnly", "writeOnly", "deprecated", "contentEncoding", "contentMediaType",
    };

    private static readonly HashSet<string> MovedToDescription = new(StringComparer.Ordinal)
    {
        "pattern", "minLength", "maxLength", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "uniqueItems", "minProperties", "maxProperties",
    };

    private static readonly HashSet<string> CopiedVerbatim = new(StringComparer.Ordinal)
    {
        "type", "format", "title", "minItems", "maxItems", "minimum", "maximum", "required", "propertyOrdering", "$id", "$anchor",
    };

    /// <summary>Converts a schema.</summary>
    /// <param name="schema">The caller's JSON Schema.</param>
    /// <param name="field">Where the schema sits in the request, for messages (<c>response_format.schema</c>, <c>tools[0].parameters</c>).</param>
    /// <param name="provider">The provider id, for the error.</param>
    /// <returns>The schema to send.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/>: a keyword Gemini cannot express.</exception>
    public static JsonElement Convert(JsonElement schema, string field, string provider)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new Walker(field, provider).WriteSchema(writer, schema, string.Empty);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Gets whether a schema is an object schema without any property or constraint (a function without parameters).</summary>
    public static bool IsEmptyObjectSchema(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (JsonProperty p in schema.EnumerateObject())
        {
            bool empty = p.Name switch
            {
                "type" => p.Value.ValueKind == JsonValueKind.String && p.Value.ValueEquals("object"),
                "properties" => p.Value.ValueKind == JsonValueKind.Object && !p.Value.EnumerateObject().MoveNext(),
                "required" => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 0,
                "$schema" or "title" or "description" or "additionalProperties" => true,
                _ => false,
            };
            if (!empty)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Walker(string field, string provider)
    {
        public void WriteSchema(Utf8JsonWriter w, JsonElement node, string path)
        {
            if (node.ValueKind == JsonValueKind.True)
            {
                w.WriteStartObject();
                w.WriteEndObject();
                return;
            }

            if (node.ValueKind != JsonValueKind.Object)
            {
                throw Fail(path, node.ValueKind == JsonValueKind.False ? "false" : node.ValueKind.ToString(),
                    node.ValueKind == JsonValueKind.False ? "a 'false' schema (nothing allowed)" : "a schema that is not an object");
            }

            if (HasNullInEnum(node))
            {
                // enum takes strings and numbers only: {"enum":["a",null]} becomes {"anyOf":[{"enum":["a"]},{"type":"null"}]}.
                w.WriteStartObject();
                w.WritePropertyName("anyOf");
                w.WriteStartArray();
                w.WriteStartObject();
                WriteBody(w, node, path, withoutNull: true);
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("type", "null");
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                return;
            }

            w.WriteStartObject();
            WriteBody(w, node, path, withoutNull: false);
            w.WriteEndObject();
        }

        private void WriteBody(Utf8JsonWriter w, JsonElement node, string path, bool withoutNull)
        {
            string? description = null;
            List<string>? notes = null;
            if (node.TryGetProperty("const", out _) && node.TryGetProperty("enum", out _))
            {
                throw Fail(path, "const", "'const' together with 'enum'");
            }

            foreach (JsonProperty p in node.EnumerateObject())
            {
                string name = p.Name;
                string at = path + "/" + name;
                switch (name)
                {
                    case "description":
                        description = p.Value.GetString();
                        break;
                    case "type" when withoutNull && p.Value.ValueKind == JsonValueKind.Array:
                        WriteTypesWithoutNull(w, p.Value);
                        break;
                    case "type" when withoutNull && p.Value.ValueEquals("null"):
                        break;
                    case "type":
                        if (p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
                        {
                            throw Fail(path, name, "a 'type' that is neither a string nor an array of strings");
                        }

                        p.WriteTo(w);
                        break;
                    case "enum":
                        WriteEnum(w, p.Value, path, withoutNull);
                        break;
                    case "const" when p.Value.ValueKind == JsonValueKind.Null:
                        w.WriteString("type", "null");
                        break;
                    case "const":
                        w.WritePropertyName("enum");
                        w.WriteStartArray();
                        CheckEnumValue(p.Value, path, "const");
                        p.Value.WriteTo(w);
                        w.WriteEndArray();
                        break;
                    case "properties" or "$defs" or "definitions":
                        WriteSchemaMap(w, name == "definitions" ? "$defs" : name, p.Value, at);
                        break;
                    case "items" when p.Value.ValueKind == JsonValueKind.Array:
                        // Draft-4 tuple form: the same thing as prefixItems.
                        WriteSchemaList(w, "prefixItems", p.Value, at);
                        break;
                    case "items":
                        w.WritePropertyName("items");
                        WriteSchema(w, p.Value, at);
                        break;
                    case "prefixItems" or "anyOf" or "oneOf":
                        WriteSchemaList(w, name, p.Value, at);
                        break;
                    case "additionalProperties":
                        if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        {
                            p.WriteTo(w);
                        }
                        else
                        {
                            w.WritePropertyName(name);
                            WriteSchema(w, p.Value, at);
                        }

                        break;
                    case "$ref":
                        string? reference = p.Value.GetString();
                        if (reference is null || !reference.StartsWith('#'))
                        {
                            throw Fail(path, name, $"a $ref to another document ('{reference}'); inline the schema or use #/$defs/…");
                        }

                        w.WriteString(name, reference.StartsWith("#/definitions/", StringComparison.Ordinal) ? "#/$defs/" + reference[14..] : reference);
                        break;
                    case "allOf":
                        if (p.Value.ValueKind != JsonValueKind.Array || p.Value.GetArrayLength() != 1)
                        {
                            throw Fail(path, name, "'allOf' with more than one schema (Gemini has no intersection); merge them into one schema");
                        }

                        JsonElement only = p.Value[0];
                        if (only.ValueKind != JsonValueKind.Object)
                        {
                            throw Fail(at, "allOf", "an 'allOf' entry that is not an object");
                        }

                        foreach (JsonProperty inner in only.EnumerateObject())
                        {
                            if (node.TryGetProperty(inner.Name, out _))
                            {
                                throw Fail(at + "/0", inner.Name, $"'{inner.Name}' both beside and inside a one-schema 'allOf'");
                            }
                        }

                        WriteBody(w, only, at + "/0", withoutNull);
                        break;
                    default:
                        if (CopiedVerbatim.Contains(name))
                        {
                            p.WriteTo(w);
                        }
                        else if (MovedToDescription.Contains(name))
                        {
                            (notes ??= []).Add(name + ": " + Describe(p.Value));
                        }
                        else if (!Dropped.Contains(name) && !name.StartsWith("x-", StringComparison.Ordinal))
                        {
                            throw Fail(path, name, $"the keyword '{name}'");
                        }

                        break;
                }
            }

            if (notes is not null)
            {
                string constraints = "(" + string.Join("; ", notes) + ")";
                description = string.IsNullOrEmpty(description) ? constraints : description + " " + constraints;
            }

            if (description is not null)
            {
                w.WriteString("description", description);
            }
        }

        private void WriteSchemaMap(Utf8JsonWriter w, string name, JsonElement map, string at)
        {
            if (map.ValueKind != JsonValueKind.Object)
            {
                throw Fail(at, name, $"'{name}' that is not an object");
            }

            w.WritePropertyName(name);
            w.WriteStartObject();
            foreach (JsonProperty entry in map.EnumerateObject())
            {
                w.WritePropertyName(entry.Name);
                WriteSchema(w, entry.Value, at + "/" + entry.Name);
            }

            w.WriteEndObject();
        }

        private void WriteSchemaList(Utf8JsonWriter w, string name, JsonElement list, string at)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Fail(at, name, $"'{name}' that is not an array");
            }

            w.WritePropertyName(name);
            w.WriteStartArray();
            int i = 0;
            foreach (JsonElement item in list.EnumerateArray())
            {
                WriteSchema(w, item, at + "/" + i.ToString(CultureInfo.InvariantCulture));
                i++;
            }

            w.WriteEndArray();
        }

        private void WriteEnum(Utf8JsonWriter w, JsonElement values, string path, bool withoutNull)
        {
            if (values.ValueKind != JsonValueKind.Array)
            {
                throw Fail(path, "enum", "an 'enum' that is not an array");
            }

            w.WritePropertyName("enum");
            w.WriteStartArray();
            foreach (JsonElement v in values.EnumerateArray())
            {
                if (withoutNull && v.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                CheckEnumValue(v, path, "enum");
                v.WriteTo(w);
            }

            w.WriteEndArray();
        }

        private void CheckEnumValue(JsonElement value, string path, string keyword)
        {
            if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                throw Fail(path, keyword, $"an '{keyword}' value of type {value.ValueKind} (Gemini enums take strings and numbers)");
            }
        }

        private static void WriteTypesWithoutNull(Utf8JsonWriter w, JsonElement types)
        {
            var kept = new List<JsonElement>();
            foreach (JsonElement t in types.EnumerateArray())
            {
                if (!t.ValueEquals("null"))
                {
                    kept.Add(t);
                }
            }

            if (kept.Count == 0)
            {
                return;
            }

            if (kept.Count == 1)
            {
                w.WritePropertyName("type");
                kept[0].WriteTo(w);
                return;
            }

            w.WritePropertyName("type");
            w.WriteStartArray();
            foreach (JsonElement t in kept)
            {
                t.WriteTo(w);
            }

            w.WriteEndArray();
        }

        private static bool HasNullInEnum(JsonElement node)
        {
            if (node.TryGetProperty("enum", out JsonElement values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement v in values.EnumerateArray())
                {
                    if (v.ValueKind == JsonValueKind.Null)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string Describe(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

        private AiException Fail(string path, string keyword, string what)
        {
            string where = path.Length == 0 ? field : field + path.Replace('/', '.');
            var message = new StringBuilder()
                .Append("Gemini cannot express ").Append(what).Append(" in the JSON schema at ").Append(where)
                .Append(" (keyword '").Append(keyword).Append("'). Remove or rewrite it; Gemini accepts type, properties, required, items, prefixItems, enum, ")
                .Append("anyOf/oneOf, additionalProperties, $defs/$ref, format, minimum/maximum, minItems/maxItems, title and description.")
                .ToString();
            return ChatRequestValidator.Invalid(provider, where + "." + keyword, message);
        }
    }
}
