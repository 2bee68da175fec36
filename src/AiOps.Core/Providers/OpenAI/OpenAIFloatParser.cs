// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>A fast, exact parser for the JSON numbers of float embeddings (<c>-0.0062883277</c>, <c>1.2e-05</c>): Clinger's fast path
/// in double precision, used only where it provably gives the correctly rounded float; everything else falls back to the framework.</summary>
/// <remarks><para>With at most 15 significant digits and a decimal exponent within ±22, <c>mantissa × 10^e</c> is one correctly rounded
/// double operation on exact operands. Rounding that double to float can only differ from rounding the decimal directly when the double
/// lies within one double ULP of a float rounding midpoint; those cases (and subnormals and overflow) return <see langword="false"/>.</para>
/// <para>Typical embedding numbers take the fast path; it is several times faster than <c>Utf8JsonReader.GetSingle</c>.</para></remarks>
internal static class OpenAIFloatParser
{
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a JSON number, or returns <see langword="false"/> when the caller must use the general parser.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0;
        int exponent = 0;
        int start = i;
        while (i < text.Length && (uint)(text[i] - '0') <= 9)
        {
            mantissa = (mantissa * 10) + (uint)(text[i] - '0');
            if (mantissa != 0 && ++digits > 15)
            {
                return false;
            }

            i++;
        }

        if (i == start)
        {
            return false;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            int fractionStart = i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (uint)(text[i] - '0');
                if (mantissa != 0 && ++digits > 15)
                {
                    return false;
                }

                exponent--;
                i++;
            }

            if (i == fractionStart)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            bool negativeExponent = false;
            if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }

            int e = 0;
            int exponentDigits = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                e = (e * 10) + (text[i] - '0');
                if (++exponentDigits > 4)
                {
                    return false;
                }

                i++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }

            exponent += negativeExponent ? -e : e;
        }

        if (i != text.Length)
        {
            return false;
        }

        if (mantissa == 0)
        {
            value = negative ? -0f : 0f;
            return true;
        }

        if (exponent < -22 || exponent > 22)
        {
            return false;
        }

        double v = exponent < 0 ? mantissa / PowersOf10[-exponent] : mantissa * PowersOf10[exponent];

        // Float normal range only; and not within a double ULP of a float rounding midpoint (the low 29 of the 52 mantissa bits).
        if (v < 1.1754943508222875E-38 || v > float.MaxValue)
        {
            return false;
        }

        long low = BitConverter.DoubleToInt64Bits(v) & 0x1FFFFFFF;
        if (low is 0x0FFFFFFF or 0x10000000 or 0x10000001)
        {
            return false;
        }

        value = negative ? -(float)v : (float)v;
        return true;
    }
}
