// Licensed under the MIT License.

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Reads and writes the <see cref="AiResponseProperties"/> keys on responses and updates.</summary>
internal static class ResponseAnnotations
{
    /// <summary>Sets a property on a response, creating the dictionary when needed.</summary>
    public static void Set(ChatResponse response, string key, object? value) => (response.AdditionalProperties ??= [])[key] = value;

    /// <summary>Sets a property on an update, creating the dictionary when needed.</summary>
    public static void Set(ChatResponseUpdate update, string key, object? value) => (update.AdditionalProperties ??= [])[key] = value;

    /// <summary>Sets a property on generated embeddings, creating the dictionary when needed.</summary>
    public static void Set(GeneratedEmbeddings<Embedding<float>> embeddings, string key, object? value) => (embeddings.AdditionalProperties ??= [])[key] = value;

    /// <summary>Gets a string property (also when it round-tripped through JSON).</summary>
    public static string? GetString(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out object? value)
            ? value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                _ => null,
            }
            : null;

    /// <summary>Gets whether a boolean property is true (also when it round-tripped through JSON).</summary>
    public static bool IsTrue(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out object? value) && value switch
        {
            bool b => b,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            string s => bool.TryParse(s, out bool parsed) && parsed,
            _ => false,
        };

    /// <summary>Gets a nullable boolean property.</summary>
    public static bool? GetBool(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out object? value)
            ? value switch
            {
                bool b => b,
                JsonElement { ValueKind: JsonValueKind.True } => true,
                JsonElement { ValueKind: JsonValueKind.False } => false,
                string s when bool.TryParse(s, out bool parsed) => parsed,
                _ => null,
            }
            : null;

    /// <summary>Gets an integer property.</summary>
    public static int? GetInt(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out object? value)
            ? value switch
            {
                int i => i,
                long l => (int)l,
                JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out int n) => n,
                _ => null,
            }
            : null;

    /// <summary>Gets the decimal cost property.</summary>
    public static decimal? GetDecimal(AdditionalPropertiesDictionary? properties, string key) =>
        properties is not null && properties.TryGetValue(key, out object? value)
            ? value switch
            {
                decimal d => d,
                double d => (decimal)d,
                JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out decimal n) => n,
                _ => null,
            }
            : null;
}
