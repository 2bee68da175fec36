using System.Text.Json;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>Small helpers to read optional values out of ARM JSON.</summary>
internal static class Json
{
    /// <summary>The element at a property path, or null when any step is missing.</summary>
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? StringAt(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The JSON text at a path ("true", "false", "\"TLS1_2\"", "null"), or "(missing)".</summary>
    public static string RawAt(this JsonElement element, params string[] path) =>
        element.At(path) is { } value ? value.GetRawText() : "(missing)";
}
