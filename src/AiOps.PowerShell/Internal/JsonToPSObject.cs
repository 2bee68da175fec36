// Licensed under the MIT License.

using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;

namespace AiOps.PowerShell;

/// <summary>Turns JSON text into PowerShell objects (objects become PSCustomObjects, arrays <c>object[]</c>), like <c>ConvertFrom-Json</c>.</summary>
internal static class JsonToPSObject
{
    /// <summary>Converts JSON text.</summary>
    public static object? Convert(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return Convert(doc.RootElement);
    }

    /// <summary>Converts a JSON element.</summary>
    public static object? Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new PSObject();
                foreach (JsonProperty p in element.EnumerateObject())
                {
                    obj.Properties.Add(new PSNoteProperty(p.Name, Convert(p.Value)));
                }

                return obj;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    list.Add(Convert(item));
                }

                return list.ToArray();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt32(out int i))
                {
                    return i;
                }

                if (element.TryGetInt64(out long l))
                {
                    return l;
                }

                return element.TryGetDecimal(out decimal d) ? d : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
