// Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace AiOps.Benchmarks.Gemini;

/// <summary>A Gemini stream in the exact shape of the recorded Transcript E (wire-formats §4.5: gemini-2.5-flash, thinking on,
/// every chunk a full GenerateContentResponse with cumulative usageMetadata and a turnToken, STOP on the last), scaled to N events.</summary>
public static class GeminiRecordedStream
{
    private static readonly string[] Deltas =
    [
        "low!\\n\\nThe sky is blue primarily due to a phenomenon called **Rayleigh scattering**. ",
        "Sunlight looks white, but it is made of every color of the rainbow, ",
        "each with its own wavelength. When it enters the atmosphere it hits tiny gas molecules, ",
        "and those scatter shorter wavelengths such as blue and violet far more than red. ",
        "Our eyes are more sensitive to blue, and some violet is absorbed high up, ",
        "so the sky looks blue rather than violet.",
    ];

    /// <summary>Creates the stream's bytes.</summary>
    public static byte[] Create(int events)
    {
        var sb = new StringBuilder();
        int candidates = 0;
        for (int i = 0; i < events; i++)
        {
            string text = Deltas[i % Deltas.Length];
            candidates += 10 + (i % 7);
            bool last = i == events - 1;
            sb.Append("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"").Append(text).Append("\"}],\"role\":\"model\"},");
            if (last)
            {
                sb.Append("\"finishReason\":\"STOP\",");
            }

            sb.Append("\"index\":0}],\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"tS77aIl-4ZvV7w_A9rTBBg\",")
              .Append("\"turnToken\":\"v1:ChdqeTc3YU4yZEs1dl8xZThQbHZxdHNROBIXank3N2FOMmRLNXZfMWU4UGx2cXRzUTg\",")
              .Append("\"usageMetadata\":{\"candidatesTokenCount\":").Append(candidates.ToString(CultureInfo.InvariantCulture))
              .Append(",\"promptTokenCount\":20,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":20}],\"thoughtsTokenCount\":260,\"totalTokenCount\":")
              .Append((candidates + 280).ToString(CultureInfo.InvariantCulture)).Append("}}\r\n\r\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
