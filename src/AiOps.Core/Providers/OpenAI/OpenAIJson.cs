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
    /// <remarks>Validation is off: the writers build their structure directly (tests compare every body with the official SDK's).</remarks>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private const int MaxCachedBufferBytes = 1024 * 1024;

    /// <summary>Writes a JSON document with <paramref name="write"/> and returns its UTF-8 bytes (one exact-size allocation).</summary>
    public static byte[] SerializeBytes<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        using WriterLease lease = WriterLease.Take();
        write(lease.Writer, state);
        return lease.Complete().ToArray();
    }

    /// <summary>Writes a request body with <paramref name="write"/> into a pooled buffer (no allocation proportional to its size).</summary>
    public static OpenAIRequestBody SerializeBody<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        using WriterLease lease = WriterLease.Take();
        write(lease.Writer, state);
        return OpenAIRequestBody.Copy(lease.Complete());
    }

    /// <summary>Writes a nested JSON document (tool arguments, tool results) as a JSON string property of <paramref name="outer"/>,
    /// through a second cached writer, without materialising the nested text.</summary>
    public static void WriteAsJsonString<TState>(Utf8JsonWriter outer, JsonEncodedText propertyName, TState state, Action<Utf8JsonWriter, TState> write)
    {
        using WriterLease lease = WriterLease.Take();
        write(lease.Writer, state);
        OpenAIJsonEscaper.WriteString(outer, propertyName, lease.Complete());
    }

    /// <summary>Writes a JSON element (a tool or response schema) by copying its UTF-8 text, without re-encoding it.</summary>
    public static void WriteRaw(Utf8JsonWriter writer, JsonElement element) =>
        writer.WriteRawValue(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);

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

    /// <summary>Writes tool-call arguments as the compact JSON object OpenAI expects in <c>function.arguments</c> (through our writer:
    /// <see cref="AIJsonUtilities.DefaultOptions"/> alone would indent).</summary>
    public static void WriteArguments(Utf8JsonWriter writer, IDictionary<string, object?>? arguments)
    {
        writer.WriteStartObject();
        if (arguments is Dictionary<string, object?> dictionary)
        {
            // The usual case (parsed arguments): the struct enumerator, no boxing.
            foreach (KeyValuePair<string, object?> argument in dictionary)
            {
                writer.WritePropertyName(argument.Key);
                WriteValue(writer, argument.Value);
            }
        }
        else if (arguments is not null)
        {
            foreach (KeyValuePair<string, object?> argument in arguments)
            {
                writer.WritePropertyName(argument.Key);
                WriteValue(writer, argument.Value);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Parses tool-call arguments (a JSON object) into a dictionary of <see cref="JsonElement"/> values.</summary>
    public static IDictionary<string, object?>? ParseArguments(string json) =>
        string.IsNullOrWhiteSpace(json)
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.DictionaryStringObject);

    /// <summary>A cached buffer and writer, taken for one document. Each thread keeps two, so one nested document (tool arguments
    /// inside a request body) needs no allocation; deeper nesting gets fresh ones.</summary>
    private struct WriterLease : IDisposable
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer0;

        [ThreadStatic]
        private static Utf8JsonWriter? t_writer0;

        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer1;

        [ThreadStatic]
        private static Utf8JsonWriter? t_writer1;

        private int _slot;

        public ArrayBufferWriter<byte> Buffer { get; private set; }

        public Utf8JsonWriter Writer { get; private set; }

        public static WriterLease Take()
        {
            var lease = default(WriterLease);
            if (t_buffer0 is { } b0 && t_writer0 is { } w0)
            {
                (t_buffer0, t_writer0, lease._slot) = (null, null, 0);
                (lease.Buffer, lease.Writer) = (b0, w0);
            }
            else if (t_buffer1 is { } b1 && t_writer1 is { } w1)
            {
                (t_buffer1, t_writer1, lease._slot) = (null, null, 1);
                (lease.Buffer, lease.Writer) = (b1, w1);
            }
            else
            {
                var buffer = new ArrayBufferWriter<byte>(4096);
                lease.Buffer = buffer;
                lease.Writer = new Utf8JsonWriter(buffer, WriterOptions);
                lease._slot = t_buffer0 is null ? 0 : 1;
            }

            lease.Buffer.ResetWrittenCount();
            lease.Writer.Reset(lease.Buffer);
            return lease;
        }

        public readonly ReadOnlySpan<byte> Complete()
        {
            Writer.Flush();
            return Buffer.WrittenSpan;
        }

        public readonly void Dispose()
        {
            if (Buffer.Capacity > MaxCachedBufferBytes)
            {
                return;
            }

            if (_slot == 0 && t_buffer0 is null)
            {
                (t_buffer0, t_writer0) = (Buffer, Writer);
            }
            else if (t_buffer1 is null)
            {
                (t_buffer1, t_writer1) = (Buffer, Writer);
            }
        }
    }
}
