// Licensed under the MIT License.

using System;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>The single-pass embeddings parser must give exactly what the source-generated deserializer gives, or decline.</summary>
public sealed class OpenAIEmbeddingResponseParserTests
{
    private static OpenAIEmbeddingResponse General(string json) => JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.OpenAIEmbeddingResponse)!;

    private static void AssertSame(OpenAIEmbeddingResponse expected, OpenAIEmbeddingResponse actual)
    {
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.Usage?.PromptTokens, actual.Usage?.PromptTokens);
        Assert.Equal(expected.Usage?.TotalTokens, actual.Usage?.TotalTokens);
        Assert.Equal(expected.Data?.Count, actual.Data?.Count);
        for (int i = 0; i < (expected.Data?.Count ?? 0); i++)
        {
            Assert.Equal(expected.Data![i].Index, actual.Data![i].Index);
            Assert.Equal(expected.Data[i].Embedding?.Select(BitConverter.SingleToInt32Bits), actual.Data[i].Embedding?.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Theory]
    [InlineData("""{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,-1e-3,2,-0.0062883277,1.5E+2,0]}],"model":"m","usage":{"prompt_tokens":3,"total_tokens":3}}""")]
    [InlineData("""{"object":"list","data":[{"object":"embedding","index":1,"embedding":"vpbzvLToIL3YMy+7"},{"index":0,"embedding":[]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":12,"total_tokens":12}}""")]
    [InlineData("{\n  \"data\" : [ { \"embedding\" : [ 1.0 , 2.0 ] ,\r\n \"index\" : 0 } ] ,\t\"model\" : \"m\"\n}\n")]
    [InlineData("""{"usage":{"prompt_tokens":1,"total_tokens":1,"extra":{"a":[1,{"b":"}]\"x"}]}},"data":[{"x":"a\\\"b","index":0,"embedding":[3],"y":[[],{}],"z":null,"w":true}],"model":"m\u00e9"}""")]
    [InlineData("""{"data":null,"model":null,"usage":null}""")]
    [InlineData("""{"data":[{"index":0,"embedding":null}]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"data":[{"embedding":[1]}]}""")]
    public void The_fast_parser_agrees_with_the_general_deserializer(string json)
    {
        Assert.True(OpenAIEmbeddingResponseParser.TryParse(Encoding.UTF8.GetBytes(json), out OpenAIEmbeddingResponse? fast));

        AssertSame(General(json), fast);
    }

    [Theory]
    [InlineData("""{"data":[{"index":0,"embedding":[1,2""")]
    [InlineData("""{"data":[{"index":0,"embedding":[1,,2]}]}""")]
    [InlineData("""{"data":[{"index":0,"embedding":[1 2]}]}""")]
    [InlineData("""{"data":[{"index":0,"embedding":[NaN]}]}""")]
    [InlineData("""{"data":[{"index":0,"embedding":"a\/b="}]}""")]
    [InlineData("""{"data":[]} trailing""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"data":[{"index":0,"embedding":[1]}],}""")]
    [InlineData("""{"da\"ta":[]}""")]
    [InlineData("")]
    public void Anything_unexpected_is_declined(string json)
    {
        Assert.False(OpenAIEmbeddingResponseParser.TryParse(Encoding.UTF8.GetBytes(json), out _));
    }

    [Fact]
    public void Large_random_answers_match_in_both_formats()
    {
        var random = new Random(3);
        foreach (bool base64 in new[] { false, true })
        {
            var sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
            for (int i = 0; i < 50; i++)
            {
                float[] vector = Enumerable.Range(0, 300).Select(_ => (float)(((random.NextDouble() * 2) - 1) / 30)).ToArray();
                sb.Append(i == 0 ? string.Empty : ",").Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":");
                if (base64)
                {
                    byte[] bytes = new byte[vector.Length * 4];
                    Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
                    sb.Append('"').Append(Convert.ToBase64String(bytes)).Append('"');
                }
                else
                {
                    sb.Append(JsonSerializer.Serialize(vector));
                }

                sb.Append('}');
            }

            string json = sb.Append("],\"model\":\"m\",\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9}}").ToString();
            Assert.True(OpenAIEmbeddingResponseParser.TryParse(Encoding.UTF8.GetBytes(json), out OpenAIEmbeddingResponse? fast));
            AssertSame(General(json), fast);
        }
    }
}
