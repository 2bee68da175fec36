// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.PowerShell.Engine;

/// <summary>Turns <c>-ResponseSchema</c> (a type, a hashtable or JSON text) into a response format, and reads the reply.</summary>
internal sealed class ResponseSchema
{
    private static readonly HashSet<string> SchemaKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "properties", "$schema", "anyOf", "oneOf", "allOf", "$ref", "enum", "items", "required",
    };

    private ResponseSchema(ChatResponseFormatJson format, Type? type)
    {
        Format = format;
        Type = type;
    }

    /// <summary>Gets the response format to send.</summary>
    public ChatResponseFormatJson Format { get; }

    /// <summary>Gets the type the reply is deserialized into, or <see langword="null"/> for JSON text.</summary>
    public Type? Type { get; }

    /// <summary>Builds the schema from the request, or returns <see langword="null"/> when none was asked for.</summary>
    public static ResponseSchema? From(ChatRequestData request)
    {
        if (request.SchemaType is Type type)
        {
            CheckDescribable(type);
            ChatResponseFormatJson format;
            try
            {
                format = StructuredOutput.FormatFor(type);
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException or JsonException)
            {
                throw Invalid($"-ResponseSchema type [{type.FullName}] cannot be described as a JSON schema ({ex.Message}). Use a class with public properties.", ex);
            }

            return new ResponseSchema(format, type);
        }

        if (request.Schema is null)
        {
            return null;
        }

        JsonElement schema = request.Schema switch
        {
            string text => ParseText(text),
            IDictionary dict => FromDictionary(dict),
            _ => throw Invalid($"-ResponseSchema is a {request.Schema.GetType().Name}; pass a type, a hashtable or JSON schema text."),
        };

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("-ResponseSchema must be a JSON object schema (for example @{ type = 'object'; properties = @{ … } }).");
        }

        string name = "response";
        // Accept OpenAI's wrapper shape { name, schema, strict } as well as the bare schema.
        if (schema.TryGetProperty("schema", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object && !schema.TryGetProperty("type", out _))
        {
            if (schema.TryGetProperty("name", out JsonElement n) && n.ValueKind == JsonValueKind.String && n.GetString() is { Length: > 0 } wrapperName)
            {
                name = wrapperName;
            }

            schema = inner.Clone();
        }

        return new ResponseSchema(ChatResponseFormat.ForJsonSchema(schema, name), null);
    }

    /// <summary>Checks the reply against the schema and returns the typed object, or the JSON text.</summary>
    public object Read(string text, string provider)
    {
        JsonElement value = StructuredOutput.Read<JsonElement>(text, Format.Schema!.Value, provider);
        if (Type is null)
        {
            return value.GetRawText();
        }

        try
        {
            return value.Deserialize(Type, StructuredOutput.SerializerOptions)
                ?? throw new AiException(AiErrorKind.InvalidResponse, "The model answered JSON null.") { Provider = provider };
        }
        catch (JsonException ex)
        {
            throw new AiException(AiErrorKind.InvalidResponse, $"The model answered, but the reply cannot be read as [{Type.Name}] ({ex.Message}).", ex) { Provider = provider };
        }
    }

    private static void CheckDescribable(Type type)
    {
        string? problem = null;
        if (type.IsPrimitive || type == typeof(string) || type == typeof(object) || type == typeof(decimal) || type.IsEnum)
        {
            problem = "it is not an object with properties";
        }
        else if (typeof(Delegate).IsAssignableFrom(type) || type.IsInterface || type.IsAbstract || type.ContainsGenericParameters || typeof(Type).IsAssignableFrom(type))
        {
            problem = "it is an interface, abstract, open generic or delegate type";
        }
        else if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            problem = "it is a collection; providers need an object at the top level (wrap the list in a class with an array property, or use -PerItem)";
        }
        else if (!type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.GetIndexParameters().Length == 0))
        {
            problem = "it has no public properties";
        }
        else if (!type.IsValueType && type.GetConstructor(Type.EmptyTypes) is null && type.GetConstructors().Length != 1)
        {
            problem = "it has no public parameterless constructor, so the answer could not be turned into one";
        }

        if (problem is not null)
        {
            throw Invalid($"-ResponseSchema type [{type.FullName}] cannot be described as a JSON object schema: {problem}.");
        }
    }

    private static JsonElement ParseText(string text)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Invalid($"-ResponseSchema is not valid JSON ({ex.Message}).", ex);
        }
    }

    private static JsonElement FromDictionary(IDictionary dict)
    {
        bool isSchema = dict.Keys.Cast<object>().Any(k => SchemaKeywords.Contains(Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        return JsonValueWriter.ToElement(isSchema ? dict : Shorthand(dict, "-ResponseSchema"));
    }

    /// <summary>Expands the shorthand <c>@{ Name = 'string'; Count = 'integer'; Tags = 'string[]'; Level = 'low','high'; Owner = @{ … } }</c>
    /// into a strict object schema (every property required, no others allowed).</summary>
    private static Dictionary<string, object?> Shorthand(IDictionary dict, string path)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (DictionaryEntry entry in dict)
        {
            string name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            properties[name] = Property(entry.Value, $"{path}.{name}");
            required.Add(name);
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static object Property(object? value, string path)
    {
        switch (value)
        {
            case IDictionary nested:
                return Shorthand(nested, path);
            case string s:
                string t = s.Trim().ToLowerInvariant();
                if (t.EndsWith("[]", StringComparison.Ordinal))
                {
                    return new Dictionary<string, object?> { ["type"] = "array", ["items"] = Property(t[..^2], path) };
                }

                return t switch
                {
                    "string" or "integer" or "number" or "boolean" => new Dictionary<string, object?> { ["type"] = t },
                    "int" or "long" => new Dictionary<string, object?> { ["type"] = "integer" },
                    "double" or "float" or "decimal" => new Dictionary<string, object?> { ["type"] = "number" },
                    "bool" => new Dictionary<string, object?> { ["type"] = "boolean" },
                    _ => throw Invalid($"{path} is '{s}'; use string, integer, number, boolean, a type with [] for a list, a list of allowed values, or a nested hashtable."),
                };
            case IEnumerable values:
                var allowed = values.Cast<object?>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                if (allowed.Count == 0)
                {
                    throw Invalid($"{path} is an empty list of allowed values.");
                }

                return new Dictionary<string, object?> { ["type"] = "string", ["enum"] = allowed };
            default:
                throw Invalid($"{path} is {(value is null ? "null" : "a " + value.GetType().Name)}; use a type name such as 'string', a list of allowed values, or a nested hashtable.");
        }
    }

    private static AiException Invalid(string message, Exception? inner = null) =>
        new(AiErrorKind.InvalidConfiguration, message, inner) { Parameter = "-ResponseSchema" };
}
