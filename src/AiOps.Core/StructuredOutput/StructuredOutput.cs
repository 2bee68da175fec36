// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Typed structured output: a JSON schema from a .NET type, and the reply checked against it before it is deserialized.</summary>
internal static class StructuredOutput
{
    /// <summary>The serializer options used for both the schema and the reply (camelCase, enums as strings).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>Builds the response format for a type.</summary>
    public static ChatResponseFormatJson FormatFor(Type type)
    {
        JsonElement schema = AIJsonUtilities.CreateJsonSchema(type, serializerOptions: SerializerOptions);
        return ChatResponseFormat.ForJsonSchema(schema, SchemaName(type));
    }

    /// <summary>Checks <paramref name="text"/> against <paramref name="schema"/> and deserializes it.</summary>
    public static T Read<T>(string text, JsonElement schema, string provider)
    {
        string json = StripFence(text);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Invalid(provider, $"the reply is not valid JSON ({ex.Message})", ex);
        }

        using (doc)
        {
            var errors = new List<string>();
            JsonSchemaChecker.Check(schema, doc.RootElement, "$", errors);
            if (errors.Count > 0)
            {
                throw Invalid(provider, "the reply does not match the schema: " + string.Join("; ", errors.GetRange(0, Math.Min(errors.Count, 5))), null);
            }

            try
            {
                return doc.RootElement.Deserialize<T>(SerializerOptions) ?? throw Invalid(provider, "the reply is JSON null", null);
            }
            catch (JsonException ex)
            {
                throw Invalid(provider, $"the reply cannot be read as {typeof(T).Name} ({ex.Message})", ex);
            }
        }
    }

    private static AiException Invalid(string provider, string what, Exception? inner) =>
        new(AiErrorKind.InvalidResponse, $"The model answered, but {what}. Retry, lower the temperature, or simplify the schema.", inner) { Provider = provider };

    private static string StripFence(string text)
    {
        string t = text.Trim();
        if (t.StartsWith("```", StringComparison.Ordinal))
        {
            int firstNewline = t.IndexOf('\n', StringComparison.Ordinal);
            int lastFence = t.LastIndexOf("```", StringComparison.Ordinal);
            if (firstNewline > 0 && lastFence > firstNewline)
            {
                return t[(firstNewline + 1)..lastFence].Trim();
            }
        }

        return t;
    }

    private static string SchemaName(Type type)
    {
        // OpenAI: ^[a-zA-Z0-9_-]{1,64}$
        Span<char> name = stackalloc char[Math.Min(type.Name.Length, 64)];
        int n = 0;
        foreach (char c in type.Name)
        {
            if (n == name.Length)
            {
                break;
            }

            name[n++] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_';
        }

        return n == 0 ? "response" : new string(name[..n]);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
