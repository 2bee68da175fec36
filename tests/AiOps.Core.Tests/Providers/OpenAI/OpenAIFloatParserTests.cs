// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Text;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>The fast float parser must agree bit for bit with the framework whenever it answers, and answer for typical embedding numbers.</summary>
public sealed class OpenAIFloatParserTests
{
    /// <summary>The framework's correctly rounded parse (what Utf8JsonReader.GetSingle returns).</summary>
    private static float Framework(string text) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("-0.0062883277")]
    [InlineData("0.0023064255")]
    [InlineData("-0.029734965413808823")]
    [InlineData("1.2e-05")]
    [InlineData("-3.4E+2")]
    [InlineData("0")]
    [InlineData("-0.0")]
    [InlineData("1")]
    [InlineData("123456789012345")]
    [InlineData("0.1")]
    [InlineData("16777217")]
    [InlineData("3.4028235e38")]
    [InlineData("1e-40")]
    [InlineData("1e39")]
    public void Known_numbers_parse_exactly_or_fall_back(string text)
    {
        bool fast = OpenAIFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out float value);

        if (fast)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(Framework(text)), BitConverter.SingleToInt32Bits(value));
        }
    }

    [Theory]
    [InlineData("-0.0062883277")]
    [InlineData("0.0023064255")]
    [InlineData("1.2e-05")]
    public void Typical_embedding_numbers_take_the_fast_path(string text)
    {
        Assert.True(OpenAIFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("0x10")]
    [InlineData("1.5 ")]
    public void Malformed_text_is_left_to_the_framework(string text)
    {
        Assert.False(OpenAIFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Random_floats_in_every_format_agree_with_the_framework()
    {
        var random = new Random(7);
        int fast = 0;
        int total = 0;
        string[] formats = ["R", "G9", "G7", "E6", "F10", "G17"];
        for (int i = 0; i < 50_000; i++)
        {
            float f = (float)(((random.NextDouble() * 2) - 1) * Math.Pow(10, random.Next(-12, 6)));
            foreach (string format in formats)
            {
                string text = format == "G17" ? ((double)f).ToString("G17", CultureInfo.InvariantCulture) : f.ToString(format, CultureInfo.InvariantCulture);
                total++;
                if (OpenAIFloatParser.TryParse(Encoding.ASCII.GetBytes(text), out float value))
                {
                    fast++;
                    Assert.True(BitConverter.SingleToInt32Bits(Framework(text)) == BitConverter.SingleToInt32Bits(value), $"{text}: {value:R} vs {Framework(text):R}");
                }
            }
        }

        Assert.True(fast > total / 2, $"only {fast} of {total} took the fast path");
    }
}
