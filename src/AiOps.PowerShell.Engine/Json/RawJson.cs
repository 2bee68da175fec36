// Licensed under the MIT License.

using System;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiOps.PowerShell.Engine;

/// <summary>Turns a provider's raw response (<c>RawRepresentation</c>) into JSON text for <c>-Raw</c>.</summary>
internal static class RawJson
{
    /// <summary>Serializes the raw representation, or returns <see langword="null"/> when there is none.</summary>
    public static string? From(object? raw)
    {
        switch (raw)
        {
            case null:
                return null;
            case string s:
                return s;
            case JsonElement e:
                return e.GetRawText();
            case JsonNode n:
                return n.ToJsonString();
            case JsonDocument d:
                return d.RootElement.GetRawText();
            case IList list when raw is not IDictionary:
                var array = new JsonArray();
                foreach (object? item in list)
                {
                    string? json = From(item);
                    array.Add(json is null ? null : JsonNode.Parse(json));
                }

                return array.ToJsonString();
        }

        try
        {
            return JsonSerializer.Serialize(raw, raw.GetType(), Microsoft.Extensions.AI.AIJsonUtilities.DefaultOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return JsonSerializer.Serialize(raw.ToString());
        }
    }
}
