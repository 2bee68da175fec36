// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>Splits JSONL into lines: 1-based physical line numbers, byte offsets into the input, blank lines skipped.</summary>
internal static class BatchLines
{
    /// <summary>One non-blank line of the input.</summary>
    /// <param name="Number">The 1-based line number in the file (blank lines count, so numbers match an editor's).</param>
    /// <param name="Offset">The byte offset of the line in the input.</param>
    /// <param name="Length">The line's length in bytes, without the line break.</param>
    public readonly record struct Line(int Number, int Offset, int Length);

    public static List<Line> Split(ReadOnlySpan<byte> data, int firstNumber = 1)
    {
        var lines = new List<Line>();
        int number = firstNumber;
        // A UTF-8 byte order mark is not part of the first line.
        int start = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (start <= data.Length)
        {
            int newline = data[start..].IndexOf((byte)'\n');
            int end = newline < 0 ? data.Length : start + newline;
            int length = end - start;
            if (length > 0 && data[start + length - 1] == (byte)'\r')
            {
                length--;
            }

            if (!IsBlank(data.Slice(start, length)))
            {
                lines.Add(new Line(number, start, length));
            }

            if (newline < 0)
            {
                break;
            }

            number++;
            start = end + 1;
        }

        return lines;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
