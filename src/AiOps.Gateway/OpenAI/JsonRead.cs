// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AiOps.Gateway;

/// <summary>Typed reads from a request's JSON that fail with a 400 naming the field.</summary>
internal static class JsonRead
{
    /// <summary>Fields that would let a caller redirect or re-authenticate a provider call; the gateway refuses them outright.</summary>
    private static readonly string[] s_forbidden =
        ["base_url", "baseURL", "baseUrl", "api_base", "base_uri", "api_key", "apiKey", "headers", "extra_headers", "default_headers", "custom_host", "endpoint"];

    /// <summary>Parses a body into a document, failing with 400 when it is not JSON.</summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, GatewayJson.DocumentOptions);
        }
        catch (JsonException)
        {
            throw new GatewayException(GatewayError.BadRequest("The request body is not valid JSON. Send a JSON object (Content-Type: application/json).", null, "invalid_json"));
        }
    }

    /// <summary>Requires an object root and refuses provider-control fields (no SSRF, no key injection).</summary>
    public static JsonElement RequireObjectRoot(JsonDocument document)
    {
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GatewayException(GatewayError.BadRequest("The request body must be a JSON object.", null, "invalid_json"));
        }

        RejectProviderControl(root, null);
        return root;
    }

    /// <summary>Fails with 400 when an object names a forbidden field.</summary>
    public static void RejectProviderControl(JsonElement obj, string? path)
    {
        foreach (string name in s_forbidden)
        {
            if (obj.TryGetProperty(name, out _))
            {
                string param = path is null ? name : path + "." + name;
                throw new GatewayException(GatewayError.BadRequest(
                    $"'{param}' is not accepted: callers cannot choose a provider's base URL, headers or key. The gateway operator configures providers.",
                    param,
                    "unsupported_parameter"));
            }
        }
    }

    public static string? String(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Type(param, "a string");
    }

    public static bool? Bool(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Type(param, "true or false"),
        };
    }

    public static float? Float(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            throw Type(param, "a number");
        }

        return (float)d;
    }

    public static long? Long(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n))
        {
            throw Type(param, "a whole number");
        }

        return n;
    }

    public static int? Int(JsonElement obj, string name, string param)
    {
        long? n = Long(obj, name, param);
        if (n is null)
        {
            return null;
        }

        return n is >= int.MinValue and <= int.MaxValue ? (int)n.Value : throw Type(param, "a whole number within 32 bits");
    }

    public static JsonElement? Object(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Type(param, "an object");
    }

    public static JsonElement? Array(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw Type(param, "an array");
    }

    /// <summary>Reads a string or an array of strings.</summary>
    public static List<string>? StringOrArray(JsonElement obj, string name, string param)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Type(param, "a string or an array of strings");
        }

        var list = new List<string>(value.GetArrayLength());
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Type($"{param}[{i}]", "a string");
            }

            list.Add(item.GetString()!);
            i++;
        }

        return list;
    }

    public static GatewayException Type(string param, string expected) =>
        new(GatewayError.BadRequest($"'{param}' must be {expected}.", param, "invalid_type"));

    public static GatewayException Missing(string param, string what) =>
        new(GatewayError.BadRequest($"'{param}' is required: {what}.", param, "missing_required_parameter"));
}
