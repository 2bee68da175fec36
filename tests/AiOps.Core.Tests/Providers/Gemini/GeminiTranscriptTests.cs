// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>The recorded Gemini answers of wire-formats §4 and the test vectors of §8, replayed byte for byte.</summary>
public sealed class GeminiTranscriptTests
{
    /// <summary>Transcript E (§4.5): gemini-2.5-flash with thinking, six chunks, cumulative usage, STOP on the last.</summary>
    private static string TranscriptE(string separator)
    {
        (string Text, int Candidates, int Total)[] chunks =
        [
            ("low!\\n\\nThe sky is blue primarily due to ...", 50, 330),
            (" of the rainbow, ...", 100, 380),
            (" scattering ...", 150, 430),
            (" wavelengths ...", 199, 479),
            (" our eyes ...", 249, 529),
            (" rather than violet.", 253, 533),
        ];
        return string.Concat(chunks.Select((c, i) =>
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + c.Text + "\"}],\"role\":\"model\"}," +
            (i == chunks.Length - 1 ? "\"finishReason\":\"STOP\"," : string.Empty) +
            "\"index\":0}],\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"tS77aIl-4ZvV7w_A9rTBBg\",\"usageMetadata\":{\"candidatesTokenCount\":" + c.Candidates +
            ",\"promptTokenCount\":20,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":20}],\"thoughtsTokenCount\":260,\"totalTokenCount\":" + c.Total + "}}" + separator));
    }

    private static async Task<List<ChatResponseUpdate>> StreamAsync(IChatClient chat)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "high")]))
        {
            updates.Add(update);
        }

        return updates;
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\r\r")]
    public async Task Transcript_E_reports_the_last_usage_once_and_finishes_with_STOP(string separator)
    {
        List<ChatResponseUpdate> updates = await StreamAsync(Replay(TranscriptE(separator)));

        Assert.Equal(7, updates.Count);
        Assert.Equal("low!\n\nThe sky is blue primarily due to ... of the rainbow, ... scattering ... wavelengths ... our eyes ... rather than violet.", string.Concat(updates.Select(u => u.Text)));
        UsageContent usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(20, usage.Details.InputTokenCount);
        Assert.Equal(260, usage.Details.ReasoningTokenCount);
        Assert.Equal(533, usage.Details.TotalTokenCount);
        Assert.Equal(253, usage.Details.AdditionalCounts![GeminiResponseMapper.CandidatesTokensKey]);
        Assert.Equal(253 + 260, usage.Details.OutputTokenCount);

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("tS77aIl-4ZvV7w_A9rTBBg", response.ResponseId);
        Assert.Equal("gemini-2.5-flash", response.ModelId);
        Assert.Equal(533, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Transcript_E_without_its_last_chunk_is_StreamInterrupted_not_a_silent_end()
    {
        string full = TranscriptE("\n\n");
        string truncated = full[..full.LastIndexOf("data: ", StringComparison.Ordinal)];
        int seen = 0;
        var ex = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in Replay(truncated).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "high")]))
            {
                seen++;
            }
        });
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("finishReason", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, seen);
    }

    [Fact]
    public async Task A_connection_reset_after_two_chunks_is_StreamInterrupted_after_yielding_them()
    {
        string full = TranscriptE("\n\n");
        int third = full.IndexOf("data: ", full.IndexOf("data: ", 6, StringComparison.Ordinal) + 6, StringComparison.Ordinal);
        int seen = 0;
        var ex = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in ReplayThenReset(full[..third]).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "high")]))
            {
                seen++;
            }
        });
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Contains("connection was cut", ex.Message, StringComparison.Ordinal);
        Assert.IsType<System.IO.IOException>(ex.InnerException);
        Assert.Equal(2, seen);
    }

    [Fact]
    public async Task The_empty_candidate_MAX_TOKENS_answer_gives_empty_text_Length_and_19_thoughts_without_an_exception()
    {
        // §4.4: thinking used the whole maxOutputTokens (20); the candidate has no parts and there is no candidatesTokenCount.
        const string body = "{\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\",\"index\":0}]," +
            "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"iS77aMa9K_up1e8P5J69qQQ\"," +
            "\"usageMetadata\":{\"promptTokenCount\":7,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":7}],\"thoughtsTokenCount\":19,\"totalTokenCount\":26}}";

        ChatResponse whole = await Replay(body, "application/json").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);
        ChatResponse streamed = (await StreamAsync(Replay("data: " + body + "\r\n\r\n"))).ToChatResponse();

        foreach (ChatResponse response in new[] { whole, streamed })
        {
            Assert.Equal(string.Empty, response.Text);
            Assert.Equal(ChatFinishReason.Length, response.FinishReason);
            Assert.Equal(19, response.Usage!.ReasoningTokenCount);
            Assert.Equal(19, response.Usage.OutputTokenCount);
            Assert.Equal(7, response.Usage.InputTokenCount);
            Assert.Equal(26, response.Usage.TotalTokenCount);
        }
    }

    [Fact]
    public async Task The_recorded_non_streamed_answer_maps_text_finish_and_usage()
    {
        // §4.4 recording with maxOutputTokens 200 and thinkingBudget 50.
        const string body = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"The sky is blue because of something called **Rayleigh Scattering**. ...\"}],\"role\":\"model\"}," +
            "\"finishReason\":\"MAX_TOKENS\",\"index\":0}],\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"jy77aN2dK5v_1e8PlvqtsQ8\"," +
            "\"turnToken\":\"v1:ChdqeTc3YU4yZEs1dl8xZThQbHZxdHNROBIXank3N2FOMmRLNXZfMWU4UGx2cXRzUTg\"," +
            "\"usageMetadata\":{\"candidatesTokenCount\":149,\"promptTokenCount\":7,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":7}],\"thoughtsTokenCount\":48,\"totalTokenCount\":204}}";

        ChatResponse response = await Replay(body, "application/json").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);

        Assert.Equal("The sky is blue because of something called **Rayleigh Scattering**. ...", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(7, response.Usage!.InputTokenCount);
        Assert.Equal(149 + 48, response.Usage.OutputTokenCount);
        Assert.Equal(48, response.Usage.ReasoningTokenCount);
        Assert.Equal(204, response.Usage.TotalTokenCount);
        Assert.Equal("jy77aN2dK5v_1e8PlvqtsQ8", response.ResponseId);
    }

    [Fact]
    public async Task Only_the_final_chunks_usage_counts_even_when_earlier_chunks_reported_more()
    {
        // §4.5 caveat (AFC recording): intermediate chunks said promptTokenCount 101, the final one 27.
        const string body =
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":101,\"candidatesTokenCount\":1,\"totalTokenCount\":102}}\r\n\r\n" +
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":27,\"candidatesTokenCount\":2,\"totalTokenCount\":29}}\r\n\r\n";

        ChatResponse response = (await StreamAsync(Replay(body))).ToChatResponse();
        Assert.Equal(27, response.Usage!.InputTokenCount);
        Assert.Equal(29, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task The_recorded_function_call_chunk_with_signature_maps_to_one_call()
    {
        // §4.3: a thinking model's call arrives whole with its thoughtSignature sibling and finishReason STOP.
        const string body =
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{\"denominator\":2,\"numerator\":10},\"name\":\"customDivide\"},\"thoughtSignature\":\"CiQBVKhc7gVN\"}],\"role\":\"model\"}," +
            "\"finishReason\":\"STOP\",\"finishMessage\":\"Model generated function call(s).\",\"index\":0}],\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"," +
            "\"usageMetadata\":{\"promptTokenCount\":27,\"candidatesTokenCount\":18,\"totalTokenCount\":45}}\r\n\r\n";

        ChatResponse response = (await StreamAsync(Replay(body))).ToChatResponse();

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents));
        Assert.Equal("customDivide", call.Name);
        Assert.Equal("aiops-r1-0", call.CallId);
        Assert.Equal(2, ((System.Text.Json.JsonElement)call.Arguments!["denominator"]!).GetInt32());
        Assert.Equal(10, ((System.Text.Json.JsonElement)call.Arguments["numerator"]!).GetInt32());
        Assert.Equal("CiQBVKhc7gVN", call.AdditionalProperties![GeminiResponseMapper.ThoughtSignatureKey]);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task A_call_id_sent_by_the_api_is_kept()
    {
        const string body = "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"fc-7\",\"name\":\"f\",\"args\":{}}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}]}";
        ChatResponse response = await Replay(body, "application/json").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);
        Assert.Equal("fc-7", Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents)).CallId);
    }

    [Fact]
    public async Task An_unknown_finish_reason_is_kept_as_is()
    {
        const string body = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"}],\"role\":\"model\"},\"finishReason\":\"MALFORMED_FUNCTION_CALL\",\"index\":0}]}";
        ChatResponse response = await Replay(body, "application/json").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);
        Assert.Equal(new ChatFinishReason("MALFORMED_FUNCTION_CALL"), response.FinishReason);
    }

    [Fact]
    public async Task A_recorded_404_on_a_stream_request_with_an_event_stream_content_type_is_NotFound()
    {
        // §4.5: HTTP 404, Content-Type text/event-stream, a plain JSON body.
        const string body = "{\"error\":{\"code\":404,\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.DebugInfo\",\"detail\":\"[ORIGINAL ERROR] generic::not_found: models/custom-gemini-2.0-flash is not found\"}]," +
            "\"message\":\"models/custom-gemini-2.0-flash is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.\",\"status\":\"NOT_FOUND\"}}";

        foreach (string framed in new[] { body, "data: " + body + "\n\n" })
        {
            var ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync(Replay(framed, "text/event-stream", HttpStatusCode.NotFound)));
            Assert.Equal(AiErrorKind.NotFound, ex.Kind);
            Assert.Equal("NOT_FOUND", ex.ErrorCode);
            Assert.StartsWith("models/custom-gemini-2.0-flash is not found", ex.ProviderMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_json_array_stream_without_sse_framing_is_StreamInterrupted()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync(Replay("[{\"candidates\":[]}]", "application/json")));
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task A_chunk_of_the_wrong_shape_is_StreamInterrupted()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => StreamAsync(Replay("data: {\"usageMetadata\":{\"promptTokenCount\":\"many\"}}\n\n")));
        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public async Task A_whole_answer_of_the_wrong_shape_is_InvalidResponse()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => Replay("{\"candidates\":{}}", "application/json").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]));
        Assert.Equal(AiErrorKind.InvalidResponse, ex.Kind);
    }
}
