// Licensed under the MIT License.

using System;
using System.Globalization;

namespace AiOps;

/// <summary>The first step of BERT's basic tokenizer (Hugging Face's <c>_clean_text</c>), done before Microsoft.ML.Tokenizers sees the text.</summary>
/// <remarks>Microsoft.ML.Tokenizers 2.0.1 drops tabs and line breaks as control characters instead of treating them as spaces,
/// and then splits the following words at shifted offsets (<c>"disk\tfull"</c> becomes <c>disk ful ##l</c>). Log lines and runbooks
/// are full of both, so this cleaner turns every whitespace character into a space and removes control and format characters, as
/// the reference implementation does; the tokenizer then only ever sees spaces.</remarks>
internal static class BertTextCleaner
{
    /// <summary>Returns the text with whitespace as plain spaces and without control characters.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The cleaned text (the same instance when nothing needed cleaning).</returns>
    public static string Clean(string text)
    {
        int first = 0;
        while (first < text.Length && Classify(text[first]) == CharKind.Keep)
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (buffer, state) =>
        {
            (string source, int start) = state;
            source.AsSpan(0, start).CopyTo(buffer);
            int n = start;
            for (int i = start; i < source.Length; i++)
            {
                char c = source[i];
                switch (Classify(c))
                {
                    case CharKind.Keep:
                        buffer[n++] = c;
                        break;
                    case CharKind.Space:
                        buffer[n++] = ' ';
                        break;
                    default:
                        break;
                }
            }

            // Removed characters leave trailing room; pad it with spaces, which the tokenizer ignores.
            buffer[n..].Fill(' ');
        });
    }

    private static CharKind Classify(char c)
    {
        if (c == ' ')
        {
            return CharKind.Keep;
        }

        if (c is '\t' or '\n' or '\r')
        {
            return CharKind.Space;
        }

        if (c is '\0' or '\uFFFD')
        {
            return CharKind.Remove;
        }

        if (c < 0x80)
        {
            return char.IsControl(c) ? CharKind.Remove : CharKind.Keep;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.SpaceSeparator => CharKind.Space,
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => CharKind.Remove,
            _ => CharKind.Keep,
        };
    }

    private enum CharKind
    {
        Keep,
        Space,
        Remove,
    }
}
