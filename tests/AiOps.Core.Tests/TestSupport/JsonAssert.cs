// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiOps.Tests;

/// <summary>Semantic JSON equality: objects compare by member name (order ignored), arrays by position, numbers by value.
/// Failures name the first differing path.</summary>
public static class JsonAssert
{
    public static void Equal(string expected, string actual)
    {
        JsonNode? e = JsonNode.Parse(expected);
        JsonNode? a = JsonNode.Parse(actual);
        var differences = new List<string>();
        Compare(e, a, "$", differences);
        if (differences.Count > 0)
        {
            Assert.Fail("JSON differs:\n  " + string.Join("\n  ", differences.Take(20)) + "\nexpected: " + expected + "\nactual:   " + actual);
        }
    }

    public static IReadOnlyList<string> Differences(string expected, string actual)
    {
        var differences = new List<string>();
        Compare(JsonNode.Parse(expected), JsonNode.Parse(actual), "$", differences);
        return differences;
    }

    private static void Compare(JsonNode? e, JsonNode? a, string path, List<string> differences)
    {
        if (e is null || a is null)
        {
            if (e is not null || a is not null)
            {
                differences.Add($"{path}: expected {e?.ToJsonString() ?? "null"}, got {a?.ToJsonString() ?? "null"}");
            }

            return;
        }

        switch (e)
        {
            case JsonObject eo when a is JsonObject ao:
                foreach (KeyValuePair<string, JsonNode?> p in eo)
                {
                    if (!ao.TryGetPropertyValue(p.Key, out JsonNode? av))
                    {
                        differences.Add($"{path}.{p.Key}: missing (expected {p.Value?.ToJsonString() ?? "null"})");
                        continue;
                    }

                    Compare(p.Value, av, $"{path}.{p.Key}", differences);
                }

                foreach (KeyValuePair<string, JsonNode?> p in ao)
                {
                    if (!eo.ContainsKey(p.Key))
                    {
                        differences.Add($"{path}.{p.Key}: unexpected {p.Value?.ToJsonString() ?? "null"}");
                    }
                }

                break;
            case JsonArray ea when a is JsonArray aa:
                if (ea.Count != aa.Count)
                {
                    differences.Add($"{path}: expected {ea.Count} items, got {aa.Count}");
                }

                for (int i = 0; i < Math.Min(ea.Count, aa.Count); i++)
                {
                    Compare(ea[i], aa[i], $"{path}[{i}]", differences);
                }

                break;
            case JsonValue ev when a is JsonValue av:
                JsonElement x = ev.GetValue<JsonElement>();
                JsonElement y = av.GetValue<JsonElement>();
                bool same = x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number
                    ? decimal.Parse(x.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture) == decimal.Parse(y.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                    : x.ValueKind == y.ValueKind && (x.ValueKind != JsonValueKind.String || x.GetString() == y.GetString());
                if (!same)
                {
                    differences.Add($"{path}: expected {x.GetRawText()}, got {y.GetRawText()}");
                }

                break;
            default:
                differences.Add($"{path}: expected {e.ToJsonString()}, got {a.ToJsonString()}");
                break;
        }
    }
}
