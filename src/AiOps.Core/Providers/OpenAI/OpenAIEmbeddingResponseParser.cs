// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiOps;

/// <summary>A single-pass parser for the embeddings answer (wire-formats §2) over the whole body: number arrays are scanned and parsed
/// straight into the result arrays instead of being tokenised by <see cref="Utf8JsonReader"/> first (a 2,048 × 1,536 float answer holds
/// three million numbers). It accepts only the shape OpenAI sends; anything else returns <see langword="false"/> and the caller
/// parses the body with the general (source-generated) deserializer, which also reports malformed JSON.</summary>
internal static class OpenAIEmbeddingResponseParser
{
    /// <summary>Parses the body, or returns <see langword="false"/> when it is not in the expected shape.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out OpenAIEmbeddingResponse? response)
    {
        response = null;
        var cursor = new Cursor(json);
        var result = new OpenAIEmbeddingResponse();
        float[] scratch = ArrayPool<float>.Shared.Rent(2048);
        try
        {
            if (!cursor.Take((byte)'{'))
            {
                return false;
            }

            if (!cursor.Take((byte)'}'))
            {
                do
                {
                    if (!cursor.TryReadKey(out ReadOnlySpan<byte> key))
                    {
                        return false;
                    }

                    bool ok = key.SequenceEqual("data"u8) ? cursor.TryReadData(result, ref scratch)
                        : key.SequenceEqual("model"u8) ? cursor.TryReadString(out string? model) && Set(result, model)
                        : key.SequenceEqual("usage"u8) ? cursor.TryReadUsage(result)
                        : cursor.TrySkipValue();
                    if (!ok)
                    {
                        return false;
                    }
                }
                while (cursor.Take((byte)','));

                if (!cursor.Take((byte)'}'))
                {
                    return false;
                }
            }

            if (!cursor.AtEnd())
            {
                return false;
            }

            response = result;
            return true;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private static bool Set(OpenAIEmbeddingResponse result, string? model)
    {
        result.Model = model;
        return true;
    }

    /// <summary>A position in the body.</summary>
    private ref struct Cursor
    {
        private readonly ReadOnlySpan<byte> _s;
        private int _i;

        public Cursor(ReadOnlySpan<byte> s)
        {
            _s = s;
            _i = 0;
        }

        public bool AtEnd()
        {
            SkipWhitespace();
            return _i == _s.Length;
        }

        public bool Take(byte c)
        {
            SkipWhitespace();
            if (_i < _s.Length && _s[_i] == c)
            {
                _i++;
                return true;
            }

            return false;
        }

        public bool TryReadKey(out ReadOnlySpan<byte> key)
        {
            key = default;
            if (!Take((byte)'"'))
            {
                return false;
            }

            int end = _s[_i..].IndexOfAny((byte)'"', (byte)'\\');
            if (end < 0 || _s[_i + end] != (byte)'"')
            {
                return false;
            }

            key = _s.Slice(_i, end);
            _i += end + 1;
            return Take((byte)':');
        }

        public bool TryReadString(out string? value)
        {
            value = null;
            SkipWhitespace();
            if (TryLiteral("null"u8))
            {
                return true;
            }

            int start = _i;
            if (_i >= _s.Length || _s[_i] != (byte)'"' || !TrySkipString())
            {
                return false;
            }

            ReadOnlySpan<byte> quoted = _s[start.._i];
            if (quoted.IndexOf((byte)'\\') < 0)
            {
                value = Encoding.UTF8.GetString(quoted[1..^1]);
                return true;
            }

            var reader = new Utf8JsonReader(quoted);
            _ = reader.Read();
            value = reader.GetString();
            return true;
        }

        public bool TryReadUsage(OpenAIEmbeddingResponse result)
        {
            SkipWhitespace();
            if (TryLiteral("null"u8))
            {
                return true;
            }

            if (!Take((byte)'{'))
            {
                return false;
            }

            var usage = new OpenAIUsage();
            result.Usage = usage;
            if (Take((byte)'}'))
            {
                return true;
            }

            do
            {
                if (!TryReadKey(out ReadOnlySpan<byte> key))
                {
                    return false;
                }

                bool ok;
                if (key.SequenceEqual("prompt_tokens"u8))
                {
                    ok = TryReadLong(out long v);
                    usage.PromptTokens = v;
                }
                else if (key.SequenceEqual("total_tokens"u8))
                {
                    ok = TryReadLong(out long v);
                    usage.TotalTokens = v;
                }
                else
                {
                    ok = TrySkipValue();
                }

                if (!ok)
                {
                    return false;
                }
            }
            while (Take((byte)','));

            return Take((byte)'}');
        }

        public bool TryReadData(OpenAIEmbeddingResponse result, ref float[] scratch)
        {
            SkipWhitespace();
            if (TryLiteral("null"u8))
            {
                return true;
            }

            if (!Take((byte)'['))
            {
                return false;
            }

            var items = new List<OpenAIEmbeddingItem>();
            result.Data = items;
            if (Take((byte)']'))
            {
                return true;
            }

            do
            {
                if (!Take((byte)'{'))
                {
                    return false;
                }

                var item = new OpenAIEmbeddingItem();
                items.Add(item);
                if (Take((byte)'}'))
                {
                    continue;
                }

                do
                {
                    if (!TryReadKey(out ReadOnlySpan<byte> key))
                    {
                        return false;
                    }

                    bool ok;
                    if (key.SequenceEqual("embedding"u8))
                    {
                        ok = TryReadVector(out float[]? vector, ref scratch);
                        item.Embedding = vector;
                    }
                    else if (key.SequenceEqual("index"u8))
                    {
                        ok = TryReadLong(out long index) && index is >= 0 and <= int.MaxValue;
                        item.Index = (int)index;
                    }
                    else
                    {
                        ok = TrySkipValue();
                    }

                    if (!ok)
                    {
                        return false;
                    }
                }
                while (Take((byte)','));

                if (!Take((byte)'}'))
                {
                    return false;
                }
            }
            while (Take((byte)','));

            return Take((byte)']');
        }

        public bool TrySkipValue()
        {
            SkipWhitespace();
            if (_i >= _s.Length)
            {
                return false;
            }

            switch (_s[_i])
            {
                case (byte)'"':
                    return TrySkipString();
                case (byte)'{' or (byte)'[':
                    int depth = 0;
                    while (_i < _s.Length)
                    {
                        byte b = _s[_i];
                        if (b == (byte)'"')
                        {
                            if (!TrySkipString())
                            {
                                return false;
                            }

                            continue;
                        }

                        _i++;
                        if (b is (byte)'{' or (byte)'[')
                        {
                            depth++;
                        }
                        else if (b is (byte)'}' or (byte)']' && --depth == 0)
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    int start = _i;
                    while (_i < _s.Length && _s[_i] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                    {
                        _i++;
                    }

                    return _i > start;
            }
        }

        private bool TryReadVector(out float[]? vector, ref float[] scratch)
        {
            vector = null;
            SkipWhitespace();
            if (_i >= _s.Length)
            {
                return false;
            }

            if (_s[_i] == (byte)'"')
            {
                // Base64 little-endian float32; an escaped string (never sent in practice) goes to the general parser.
                int end = _s[(_i + 1)..].IndexOfAny((byte)'"', (byte)'\\');
                if (end < 0 || _s[_i + 1 + end] != (byte)'"')
                {
                    return false;
                }

                vector = OpenAIEmbeddingVectorConverter.DecodeBase64(_s.Slice(_i + 1, end));
                _i += end + 2;
                return true;
            }

            if (TryLiteral("null"u8))
            {
                return true;
            }

            if (!Take((byte)'['))
            {
                return false;
            }

            int count = 0;
            if (!Take((byte)']'))
            {
                do
                {
                    SkipWhitespace();
                    int start = _i;
                    while (_i < _s.Length && IsNumberByte(_s[_i]))
                    {
                        _i++;
                    }

                    ReadOnlySpan<byte> number = _s[start.._i];
                    if (!OpenAIFloatParser.TryParse(number, out float value) &&
                        !(number.Length > 0 && float.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value)))
                    {
                        return false;
                    }

                    if (count == scratch.Length)
                    {
                        float[] bigger = ArrayPool<float>.Shared.Rent(scratch.Length * 2);
                        scratch.AsSpan().CopyTo(bigger);
                        ArrayPool<float>.Shared.Return(scratch);
                        scratch = bigger;
                    }

                    scratch[count++] = value;
                }
                while (Take((byte)','));

                if (!Take((byte)']'))
                {
                    return false;
                }
            }

            vector = scratch.AsSpan(0, count).ToArray();
            return true;
        }

        private bool TryReadLong(out long value)
        {
            value = 0;
            SkipWhitespace();
            int start = _i;
            while (_i < _s.Length && IsNumberByte(_s[_i]))
            {
                _i++;
            }

            return long.TryParse(_s[start.._i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        }

        private bool TrySkipString()
        {
            // At the opening quote.
            _i++;
            while (_i < _s.Length)
            {
                int next = _s[_i..].IndexOfAny((byte)'"', (byte)'\\');
                if (next < 0)
                {
                    return false;
                }

                _i += next;
                if (_s[_i] == (byte)'\\')
                {
                    _i += 2;
                    continue;
                }

                _i++;
                return true;
            }

            return false;
        }

        private bool TryLiteral(ReadOnlySpan<byte> literal)
        {
            if (_s[_i..].StartsWith(literal))
            {
                _i += literal.Length;
                return true;
            }

            return false;
        }

        private void SkipWhitespace()
        {
            while (_i < _s.Length && _s[_i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                _i++;
            }
        }

        private static bool IsNumberByte(byte b) => (uint)(b - '0') <= 9 || b is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E';
    }
}
