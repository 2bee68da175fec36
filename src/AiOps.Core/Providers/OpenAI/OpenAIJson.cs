// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>JSON writing helpers shared by the OpenAI-family request writers: a per-thread reusable buffer and writer, and
/// a value writer for caller-supplied extra fields.</summary>
internal static class OpenAIJson
{
    /// <summary>Request bodies leave non-ASCII text unescaped (smaller bodies; the APIs read UTF-8).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxCachedBufferBytes = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Writes a JSON document with <paramref name="write"/> and returns its UTF-8 bytes (one exact-size allocation).</summary>
    public static byte[] Serialize<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        // Take the cached pair (a nested call on the same thread gets fresh ones) and give it back afterwards.
        ArrayBufferWriter<byte> buffer = t_buffer ?? new ArrayBufferWriter<byte>(4096);
        Utf8JsonWriter writer = t_writer ?? new Utf8JsonWriter(buffer, WriterOptions);
        t_buffer = null;
        t_writer = null;
        try
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            write(writer, state);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= MaxCachedBufferBytes)
            {
                t_buffer = buffer;
                t_writer = writer;
            }
        }
    }

    /// <summary>Writes an arbitrary caller value (an extra request field) as JSON.</summary>
    /// <exception cref="NotSupportedException">The value's type cannot be serialized without reflection.</exception>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case float f:
                writer.WriteNumberValue(f);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case JsonElement e:
                e.WriteTo(writer);
                break;
            case JsonNode n:
                n.WriteTo(writer);
                break;
            case IDictionary dictionary when value is not IDictionary<string, object?>:
                // PowerShell hashtables: write them as objects without needing reflection.
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            default:
                JsonSerializer.Serialize(writer, value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                break;
        }
    }

    /// <summary>Serializes a value to compact JSON text bytes (tool arguments and tool results).</summary>
    public static byte[] SerializeObject(object? value) =>
        Serialize(value, static (w, v) => WriteValue(w, v));

    /// <summary>Serializes tool-call arguments to the compact JSON object text OpenAI expects in <c>function.arguments</c>
    /// (through our writer: <see cref="AIJsonUtilities.DefaultOptions"/> alone would indent).</summary>
    public static byte[] SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null || arguments.Count == 0
            ? "{}"u8.ToArray()
            : Serialize(arguments, static (w, a) => JsonSerializer.Serialize(w, a, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));

    /// <summary>Parses tool-call arguments (a JSON object) into a dictionary of <see cref="JsonElement"/> values.</summary>
    public static IDictionary<string, object?>? ParseArguments(string json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.DictionaryStringObject);
}
