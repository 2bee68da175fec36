// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiOps.Tests;

/// <summary>JSON assertions that report the first differing path.</summary>
public static class JsonTreeAssert
{
    /// <summary>Asserts that two JSON texts are the same document with the same property order (whitespace aside).</summary>
    public static void Same(string expected, string actual) =>
        Assert.Equal(Compact(expected), Compact(actual));

    /// <summary>Asserts that two JSON texts are equivalent field for field: property order aside, numbers compared by value.</summary>
    public static void Equivalent(string expected, string actual)
    {
        using JsonDocument e = JsonDocument.Parse(expected);
        using JsonDocument a = JsonDocument.Parse(actual);
        string? difference = Difference(e.RootElement, a.RootElement, "$");
        Assert.True(difference is null, $"{difference}\nexpected: {Compact(expected)}\nactual:   {Compact(actual)}");
    }

    /// <summary>Re-serializes JSON without whitespace, keeping property order.</summary>
    public static string Compact(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";

    private static string? Difference(JsonElement e, JsonElement a, string path)
    {
        if (e.ValueKind != a.ValueKind && !(IsBool(e) && IsBool(a)))
        {
            return $"{path}: expected {e.ValueKind} {e.GetRawText()}, got {a.ValueKind} {a.GetRawText()}";
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var eNames = e.EnumerateObject().Select(p => p.Name).ToHashSet();
                var aNames = a.EnumerateObject().Select(p => p.Name).ToHashSet();
                foreach (string missing in eNames.Except(aNames))
                {
                    return $"{path}.{missing}: missing (expected {e.GetProperty(missing).GetRawText()})";
                }

                foreach (string extra in aNames.Except(eNames))
                {
                    return $"{path}.{extra}: unexpected ({a.GetProperty(extra).GetRawText()})";
                }

                foreach (JsonProperty p in e.EnumerateObject())
                {
                    if (Difference(p.Value, a.GetProperty(p.Name), $"{path}.{p.Name}") is string d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case JsonValueKind.Array:
            {
                List<JsonElement> ei = e.EnumerateArray().ToList(), ai = a.EnumerateArray().ToList();
                if (ei.Count != ai.Count)
                {
                    return $"{path}: expected {ei.Count} items, got {ai.Count}";
                }

                for (int i = 0; i < ei.Count; i++)
                {
                    if (Difference(ei[i], ai[i], $"{path}[{i}]") is string d)
                    {
                        return d;
                    }
                }

                return null;
            }

            case JsonValueKind.Number:
                return e.GetDecimal() == a.GetDecimal() ? null : $"{path}: expected {e.GetRawText()}, got {a.GetRawText()}";
            case JsonValueKind.String:
                return e.GetString() == a.GetString() ? null : $"{path}: expected \"{e.GetString()}\", got \"{a.GetString()}\"";
            default:
                return e.ValueKind == a.ValueKind ? null : $"{path}: expected {e.GetRawText()}, got {a.GetRawText()}";
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;
}
