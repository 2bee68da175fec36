// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps;

/// <summary>Checks a JSON value against the subset of JSON Schema AiOps generates and providers accept:
/// <c>type</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties: false</c>, <c>items</c>, <c>enum</c>, <c>anyOf</c>.</summary>
internal static class JsonSchemaChecker
{
    /// <summary>Adds a message to <paramref name="errors"/> for every violation found at or below <paramref name="path"/>.</summary>
    public static void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("anyOf", out JsonElement anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            bool any = false;
            foreach (JsonElement option in anyOf.EnumerateArray())
            {
                var sub = new List<string>();
                Check(option, value, path, sub);
                if (sub.Count == 0)
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                errors.Add($"{path} matches none of the allowed shapes");
            }
        }

        if (schema.TryGetProperty("type", out JsonElement type) && !TypeMatches(type, value))
        {
            errors.Add($"{path} should be {type.GetRawText()} but is {Describe(value.ValueKind)}");
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement enumValues) && enumValues.ValueKind == JsonValueKind.Array)
        {
            bool found = false;
            foreach (JsonElement allowed in enumValues.EnumerateArray())
            {
                if (JsonElement.DeepEquals(allowed, value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                errors.Add($"{path} is {value.GetRawText()}, not one of {enumValues.GetRawText()}");
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            JsonElement properties = schema.TryGetProperty("properties", out JsonElement p) ? p : default;
            if (schema.TryGetProperty("required", out JsonElement required) && required.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement name in required.EnumerateArray())
                {
                    if (name.GetString() is string n && !value.TryGetProperty(n, out _))
                    {
                        errors.Add($"{path}.{n} is required but missing");
                    }
                }
            }

            bool closed = schema.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False;
            foreach (JsonProperty property in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out JsonElement propertySchema))
                {
                    Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
                }
                else if (closed)
                {
                    errors.Add($"{path}.{property.Name} is not allowed");
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out JsonElement items))
        {
            int i = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private static bool TypeMatches(JsonElement type, JsonElement value)
    {
        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement t in type.EnumerateArray())
            {
                if (t.GetString() is string name && Matches(name, value))
                {
                    return true;
                }
            }

            return false;
        }

        return type.GetString() is not string single || Matches(single, value);
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };
}
