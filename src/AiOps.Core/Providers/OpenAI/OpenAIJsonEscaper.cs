// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AiOps;

/// <summary>Writes JSON string values that need escaping (quotes, backslashes, control characters) much faster than
/// <see cref="Utf8JsonWriter"/>'s encoder path, which handles every escape one character at a time. Prompts with newlines and quotes,
/// tool results and tool arguments (JSON inside a JSON string) all take this path.</summary>
/// <remarks>Only what JSON requires is escaped (<c>"</c>, <c>\</c>, U+0000–U+001F); other text is copied as UTF-8, as the relaxed
/// encoder does. Invalid UTF-16 (a lone surrogate) becomes U+FFFD.</remarks>
internal static class OpenAIJsonEscaper
{
    private static readonly SearchValues<char> CharsToEscape = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    private static readonly SearchValues<byte> BytesToEscape = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    /// <summary>Writes <c>"name": "value"</c>.</summary>
    public static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string value)
    {
        if (value.AsSpan().IndexOfAny(CharsToEscape) < 0)
        {
            writer.WriteString(name, value);
            return;
        }

        writer.WritePropertyName(name);
        WriteEscaped(writer, value.AsSpan());
    }

    /// <summary>Writes <c>"name": "value"</c> where <paramref name="utf8"/> is UTF-8 text (for example nested JSON).</summary>
    public static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny(BytesToEscape) < 0)
        {
            writer.WriteString(name, utf8);
            return;
        }

        writer.WritePropertyName(name);
        byte[] rented = ArrayPool<byte>.Shared.Rent(checked((utf8.Length * 6) + 2));
        try
        {
            Span<byte> output = rented;
            int n = 0;
            output[n++] = (byte)'"';
            int first = utf8.IndexOfAny(BytesToEscape);
            utf8[..first].CopyTo(output[n..]);
            n += first;

            // Past the first escape, a byte loop beats repeated vector searches on escape-dense text such as nested JSON.
            for (int i = first; i < utf8.Length; i++)
            {
                byte b = utf8[i];
                if (b < 0x20 || b == (byte)'"' || b == (byte)'\\')
                {
                    n += Escape((char)b, output[n..]);
                }
                else
                {
                    output[n++] = b;
                }
            }

            output[n++] = (byte)'"';
            writer.WriteRawValue(output[..n], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Escapes UTF-16 text into a quoted UTF-8 JSON string (exposed for tests).</summary>
    internal static string Escape(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, OpenAIJson.WriterOptions))
        {
            WriteEscaped(writer, value.AsSpan());
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteEscaped(Utf8JsonWriter writer, ReadOnlySpan<char> value)
    {
        // Worst case: every char a 6-byte \u00XX escape; a non-ASCII char is at most 3 UTF-8 bytes per UTF-16 unit.
        byte[] rented = ArrayPool<byte>.Shared.Rent(checked((value.Length * 6) + 2));
        try
        {
            Span<byte> output = rented;
            int n = 0;
            output[n++] = (byte)'"';
            while (!value.IsEmpty)
            {
                int i = value.IndexOfAny(CharsToEscape);
                ReadOnlySpan<char> plain = i < 0 ? value : value[..i];
                if (!plain.IsEmpty)
                {
                    _ = Utf8.FromUtf16(plain, output[n..], out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
                    n += written;
                }

                if (i < 0)
                {
                    break;
                }

                n += Escape(value[i], output[n..]);
                value = value[(i + 1)..];
            }

            output[n++] = (byte)'"';
            writer.WriteRawValue(output[..n], skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Escape(char c, Span<byte> output)
    {
        output[0] = (byte)'\\';
        switch (c)
        {
            case '"': output[1] = (byte)'"'; return 2;
            case '\\': output[1] = (byte)'\\'; return 2;
            case '\n': output[1] = (byte)'n'; return 2;
            case '\r': output[1] = (byte)'r'; return 2;
            case '\t': output[1] = (byte)'t'; return 2;
            case '\b': output[1] = (byte)'b'; return 2;
            case '\f': output[1] = (byte)'f'; return 2;
            default:
                output[1] = (byte)'u';
                output[2] = (byte)'0';
                output[3] = (byte)'0';
                output[4] = (byte)"0123456789ABCDEF"[c >> 4];
                output[5] = (byte)"0123456789ABCDEF"[c & 0xF];
                return 6;
        }
    }
}
