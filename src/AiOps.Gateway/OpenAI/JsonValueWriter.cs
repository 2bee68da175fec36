// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps.Gateway;

/// <summary>Writes the loosely typed values MEAI carries (tool-call arguments) as JSON without reflection for the common types.</summary>
internal static class JsonValueWriter
{
    /// <summary>Serialises tool-call arguments to the JSON string OpenAI puts in <c>function.arguments</c>.</summary>
    public static string ArgumentsToJson(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return "{}";
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, GatewayJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object?> pair in arguments)
            {
                writer.WritePropertyName(pair.Key);
                Write(writer, pair.Value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one value (Core's <see cref="JsonValues.Write(Utf8JsonWriter, object?)"/>).</summary>
    public static void Write(Utf8JsonWriter writer, object? value) => JsonValues.Write(writer, value);
}
