// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>The fast string escaper must round-trip every string exactly (it replaces Utf8JsonWriter's escaping on the hot path).</summary>
public sealed class OpenAIJsonEscaperTests
{
    public static TheoryData<string> Samples => new()
    {
        "plain",
        string.Empty,
        "say \"hi\"",
        "back\\slash and \\\"both\\\"",
        "line1\nline2\r\n\ttab\b\f",
        "\u0000\u0001\u001F end",
        "naïve café — 東京 😀 ok",
        "{\"city\":\"Paris\",\"n\":[1,2]}",
        "<script>&'+</script>",
        "\u2028\u2029",
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Utf16_strings_round_trip(string value)
    {
        string json = OpenAIJsonEscaper.Escape(value);

        Assert.Equal(value, JsonDocument.Parse(json).RootElement.GetString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Utf8_strings_round_trip_as_a_property(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, OpenAIJson.WriterOptions))
        {
            writer.WriteStartObject();
            OpenAIJsonEscaper.WriteString(writer, JsonEncodedText.Encode("a"), Encoding.UTF8.GetBytes(value));
            OpenAIJsonEscaper.WriteString(writer, JsonEncodedText.Encode("b"), value);
            writer.WriteEndObject();
        }

        using JsonDocument doc = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(value, doc.RootElement.GetProperty("a").GetString());
        Assert.Equal(value, doc.RootElement.GetProperty("b").GetString());
    }

    [Fact]
    public void Random_strings_round_trip()
    {
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 40);
            for (int k = 0; k < length; k++)
            {
                int pick = random.Next(6);
                sb.Append(pick switch
                {
                    0 => (char)random.Next(0, 0x20),
                    1 => "\"\\"[random.Next(2)],
                    2 => (char)random.Next(0x20, 0x7F),
                    3 => (char)random.Next(0xA0, 0x2FFF),
                    4 => "😀",
                    _ => (char)random.Next(0x3000, 0xD7FF),
                });
            }

            string value = sb.ToString();
            Assert.Equal(value, JsonDocument.Parse(OpenAIJsonEscaper.Escape(value)).RootElement.GetString());
        }
    }

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character()
    {
        Assert.Equal("a\uFFFD\"", JsonDocument.Parse(OpenAIJsonEscaper.Escape("a\uD800\"")).RootElement.GetString());
    }
}
