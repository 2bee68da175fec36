// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiOps.Simulator;

/// <summary>Makes a value that satisfies a JSON schema (for the <c>json</c> and <c>tools</c> scenarios).</summary>
public static class SchemaSample
{
    /// <summary>Generates a sample value.</summary>
    public static JsonNode? Generate(JsonElement? schema, int depth = 0)
    {
        if (schema is not JsonElement s || s.ValueKind != JsonValueKind.Object || depth > 8)
        {
            return new JsonObject();
        }

        if (s.TryGetProperty("enum", out JsonElement e) && e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0)
        {
            return JsonNode.Parse(e[0].GetRawText());
        }

        if (s.TryGetProperty("anyOf", out JsonElement anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement option in anyOf.EnumerateArray())
            {
                if (!(option.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
                {
                    return Generate(option, depth + 1);
                }
            }
        }

        string type = "object";
        if (s.TryGetProperty("type", out JsonElement typeElement))
        {
            if (typeElement.ValueKind == JsonValueKind.String)
            {
                type = typeElement.GetString()!;
            }
            else if (typeElement.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement t in typeElement.EnumerateArray())
                {
                    if (t.GetString() is string name && name != "null")
                    {
                        type = name;
                        break;
                    }
                }
            }
        }

        switch (type)
        {
            case "string": return JsonValue.Create("sample");
            case "integer": return JsonValue.Create(1);
            case "number": return JsonValue.Create(1.5);
            case "boolean": return JsonValue.Create(true);
            case "null": return null;
            case "array":
                var array = new JsonArray();
                if (s.TryGetProperty("items", out JsonElement items))
                {
                    array.Add(Generate(items, depth + 1));
                }

                return array;
            default:
                var obj = new JsonObject();
                if (s.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty p in properties.EnumerateObject())
                    {
                        obj[p.Name] = Generate(p.Value, depth + 1);
                    }
                }

                return obj;
        }
    }
}
