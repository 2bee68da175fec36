// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>The wire-formats §8 test vectors, replayed byte for byte through the real client (HTTP stack, SSE parser, mapper).</summary>
public sealed class OpenAIWireVectorTests
{
    private const string ChunkHead = "{\"id\":\"chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63\",\"object\":\"chat.completion.chunk\",\"created\":1727346178,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\",";

    /// <summary>Transcript B (wire-formats §1.7): 25 data events and [DONE]; two parallel tool calls whose arguments are split mid-token.</summary>
    public static string TranscriptB()
    {
        var sb = new StringBuilder();
        void Event(string choices) => sb.Append("data: ").Append(ChunkHead).Append(choices).Append("}\n\n");
        void Fragment(int index, string arguments) =>
            Event("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + JsonSerializer.Serialize(arguments) + "}}]},\"logprobs\":null,\"finish_reason\":null}]");

        Event("\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null},\"logprobs\":null,\"finish_reason\":null}]");
        Event("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_JMW1whyEaYG438VE1OIflxA2\",\"type\":\"function\",\"function\":{\"name\":\"GetWeatherArgs\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]");
        foreach (string f in new[] { "{\"ci", "ty\": ", "\"Edinb", "urgh", "\", \"c", "ountry", "\": \"", "GB\", ", "\"units", "\": \"", "c\"}" })
        {
            Fragment(0, f);
        }

        Event("\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_DNYTawLBoN8fj3KN6qU9N1Ou\",\"type\":\"function\",\"function\":{\"name\":\"get_stock_price\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]");
        foreach (string f in new[] { "{\"ti", "cker\"", ": \"AAP", "L\", ", "\"exch", "ange\":", " \"NA", "SDAQ\"", "}" })
        {
            Fragment(1, f);
        }

        Event("\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]");
        Event("\"choices\":[],\"usage\":{\"prompt_tokens\":149,\"completion_tokens\":60,\"total_tokens\":209,\"completion_tokens_details\":{\"reasoning_tokens\":0}}");
        sb.Append("data: [DONE]\n\n");
        return sb.ToString();
    }

    private static Task<List<ChatResponseUpdate>> ReplayAsync(string transcript, AiProvider? provider = null, AiProviderSettings? settings = null)
    {
        var handler = new ScriptedHandler(transcript, "text/event-stream; charset=utf-8");
        handler.ResponseHeaders["x-request-id"] = "req_vector";
        return OpenAITestSupport.CollectAsync(OpenAITestSupport.ScriptedChat(handler, provider, settings).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
    }

    [Fact]
    public async Task Transcript_B_assembles_two_parallel_tool_calls_with_usage()
    {
        string transcript = TranscriptB();
        Assert.Equal(26, transcript.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);

        List<ChatResponseUpdate> updates = await ReplayAsync(transcript);

        List<FunctionCallContent> calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("call_JMW1whyEaYG438VE1OIflxA2", calls[0].CallId);
        Assert.Equal("GetWeatherArgs", calls[0].Name);
        Assert.Equal(new Dictionary<string, string> { ["city"] = "Edinburgh", ["country"] = "GB", ["units"] = "c" }, calls[0].Arguments!.ToDictionary(a => a.Key, a => ((JsonElement)a.Value!).GetString()!));
        Assert.Equal("call_DNYTawLBoN8fj3KN6qU9N1Ou", calls[1].CallId);
        Assert.Equal("get_stock_price", calls[1].Name);
        Assert.Equal(new Dictionary<string, string> { ["ticker"] = "AAPL", ["exchange"] = "NASDAQ" }, calls[1].Arguments!.ToDictionary(a => a.Key, a => ((JsonElement)a.Value!).GetString()!));

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(149, response.Usage!.InputTokenCount);
        Assert.Equal(60, response.Usage.OutputTokenCount);
        Assert.Equal(209, response.Usage.TotalTokenCount);
        Assert.Equal(0, response.Usage.ReasoningTokenCount);
        Assert.Null(response.Usage.CachedInputTokenCount);
        Assert.Equal("chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63", response.ResponseId);
        Assert.Equal("gpt-4o-2024-08-06", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1727346178), response.CreatedAt);
        Assert.Equal("req_vector", updates[0].AdditionalProperties![AiResponseProperties.RequestId]);
    }

    [Fact]
    public async Task Transcript_B_with_crlf_line_endings_gives_the_same_calls()
    {
        List<ChatResponseUpdate> updates = await ReplayAsync(TranscriptB().Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(["GetWeatherArgs", "get_stock_price"], updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Select(c => c.Name));
    }

    [Fact]
    public async Task Transcript_B_cut_before_done_never_yields_the_tool_calls()
    {
        string transcript = TranscriptB();
        string cut = transcript[..transcript.IndexOf("GB", StringComparison.Ordinal)] + "\"}}]}}]}\n\n";
        var received = new List<ChatResponseUpdate>();

        AiException ex = await Assert.ThrowsAsync<AiException>(async () =>
        {
            var handler = new ScriptedHandler(cut, "text/event-stream");
            await foreach (ChatResponseUpdate u in OpenAITestSupport.ScriptedChat(handler).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]))
            {
                received.Add(u);
            }
        });

        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
        Assert.Empty(received.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task Transcript_A_text_with_role_chunk_finish_chunk_and_usage_chunk()
    {
        const string Head = "{\"id\":\"chatcmpl-D8dUAJuyyWxWUFRdcu8FB6Vi6yfLu\",\"object\":\"chat.completion.chunk\",\"created\":1770950778,\"model\":\"gpt-4o-mini-2024-07-18\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_373a14eb6f\",";
        string transcript =
            "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"4PnfR9vil\"}\n\n" +
            "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Once\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"x\"}\n\n" +
            "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" upon\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"y\"}\n\n" +
            "data: " + Head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null,\"obfuscation\":\"KD0Jr\"}\n\n" +
            "data: " + Head + "\"choices\":[],\"usage\":{\"prompt_tokens\":22,\"completion_tokens\":712,\"total_tokens\":734,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"obfuscation\":\"JEx9ecrF\"}\n\n" +
            "data: [DONE]\n\n";

        List<ChatResponseUpdate> updates = await ReplayAsync(transcript);

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("Once upon", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(734, response.Usage!.TotalTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task Azure_filter_chunks_interleaved_with_content_change_nothing()
    {
        // Wire-formats §5.3: a prompt-filter-only first chunk (empty choices, id, model, created 0), content chunks with per-choice
        // content_filter_results, and an asynchronous-filter annotation chunk without delta after the finish chunk.
        string transcript =
            "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"jailbreak\":{\"filtered\":false,\"detected\":false},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}}]}\n\n" +
            "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}},\"delta\":{\"content\":\" Start\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"created\":1736407895,\"id\":\"chatcmpl-AnhIt2rw8vL8czymkCwEOKKTg7HPc\",\"model\":\"gpt-4o-mini-2024-07-18\",\"object\":\"chat.completion.chunk\",\"system_fingerprint\":\"fp_5154047bf2\"}\n\n" +
            "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\" here\"},\"finish_reason\":null,\"index\":0,\"logprobs\":null}],\"created\":1736407895,\"id\":\"chatcmpl-AnhIt2rw8vL8czymkCwEOKKTg7HPc\",\"model\":\"gpt-4o-mini-2024-07-18\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"content_filter_results\":{},\"delta\":{},\"finish_reason\":\"stop\",\"index\":0,\"logprobs\":null}],\"created\":1736407895,\"id\":\"chatcmpl-AnhIt2rw8vL8czymkCwEOKKTg7HPc\",\"model\":\"gpt-4o-mini-2024-07-18\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"content_filter_offsets\":{\"check_offset\":33188,\"start_offset\":33188,\"end_offset\":33546},\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"self_harm\":{\"filtered\":false,\"severity\":\"safe\"},\"sexual\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}},\"finish_reason\":null,\"index\":0}],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\"}\n\n" +
            "data: [DONE]\n\n";

        List<ChatResponseUpdate> updates = await ReplayAsync(transcript, new AzureOpenAIProvider(), AzureSettings());

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal(" Start here", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("chatcmpl-AnhIt2rw8vL8czymkCwEOKKTg7HPc", response.ResponseId);
        Assert.All(updates, u => Assert.Equal("chatcmpl-AnhIt2rw8vL8czymkCwEOKKTg7HPc", u.ResponseId));
        Assert.Equal("gpt-4o-mini-2024-07-18", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1736407895), response.CreatedAt);
        Assert.DoesNotContain(updates, u => u.AdditionalProperties?.ContainsKey(AiResponseProperties.FilteredCategories) == true);
    }

    [Fact]
    public async Task An_azure_filtered_finish_reports_the_filtered_categories()
    {
        string transcript =
            "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}},\"delta\":{\"content\":\"Part\"},\"finish_reason\":null,\"index\":0}],\"created\":1,\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: {\"choices\":[{\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"violence\":{\"filtered\":true,\"severity\":\"high\"},\"protected_material_code\":{\"filtered\":true,\"detected\":true,\"citation\":{\"URL\":\"https://x\",\"license\":\"MIT\"}}},\"delta\":{},\"finish_reason\":\"content_filter\",\"index\":0}],\"created\":1,\"id\":\"c1\",\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n" +
            "data: [DONE]\n\n";

        List<ChatResponseUpdate> updates = await ReplayAsync(transcript, new AzureOpenAIProvider(), AzureSettings());

        ChatResponseUpdate finish = Assert.Single(updates, u => u.FinishReason is not null);
        Assert.Equal(ChatFinishReason.ContentFilter, finish.FinishReason);
        Assert.Equal(["violence", "protected_material_code"], (string[])finish.AdditionalProperties![AiResponseProperties.FilteredCategories]!);
        Assert.Equal("Part", updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task An_error_frame_and_a_named_error_event_raise_the_providers_error()
    {
        const string Frame = "data: {\"error\":{\"message\":\"The server had an error processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
        const string Named = "event: error\ndata: {\"error\":{\"message\":\"Overloaded\",\"type\":\"overloaded_error\"}}\n\n";

        AiException frame = await Assert.ThrowsAsync<AiException>(() => ReplayAsync("data: " + ChunkHead + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n" + Frame));
        AiException named = await Assert.ThrowsAsync<AiException>(() => ReplayAsync(Named));

        Assert.Equal(AiErrorKind.StreamInterrupted, frame.Kind);
        Assert.Equal("server_error", frame.ErrorCode);
        Assert.Equal("req_vector", frame.RequestId);
        Assert.Equal(AiErrorKind.Overloaded, named.Kind);
        Assert.True(named.IsRetryable);
    }

    [Theory]
    [InlineData("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"oops\"\n\ndata: [DONE]\n\n")]
    [InlineData("data: not json\n\ndata: [DONE]\n\n")]
    [InlineData("data: [1,2]\n\ndata: [DONE]\n\n")]
    [InlineData("data: {\"id\":\"x\"} trailing\n\ndata: [DONE]\n\n")]
    public async Task A_malformed_frame_raises_stream_interrupted(string transcript)
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => ReplayAsync(transcript));

        Assert.Equal(AiErrorKind.StreamInterrupted, ex.Kind);
    }

    [Fact]
    public void The_base64_vector_decodes_to_little_endian_float32()
    {
        float[] vector = OpenAIEmbeddingVectorConverter.DecodeBase64("vpbzvLToIL3YMy+7"u8);

        Assert.Equal([-0.029734965413808823f, -0.03928442299365997f, -0.002673378214240074f], vector);
    }

    [Theory]
    [InlineData("vpbzvLToIL3YMy+")]
    [InlineData("vpbz!LToIL3YMy+7")]
    [InlineData("vpbz")]
    public void Bad_base64_vectors_are_rejected(string base64)
    {
        _ = Assert.Throws<JsonException>(() => OpenAIEmbeddingVectorConverter.DecodeBase64(Encoding.ASCII.GetBytes(base64)));
    }

    [Fact]
    public async Task The_base64_vector_decodes_through_the_embeddings_client_and_escaped_characters_are_accepted()
    {
        var handler = new ScriptedHandler("""{"object":"list","data":[{"object":"embedding","index":1,"embedding":"vpbzvLToIL3YMy\u002B7"},{"object":"embedding","index":0,"embedding":[0.5,-1e-3,2]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":12,"total_tokens":12}}""");

        GeneratedEmbeddings<Embedding<float>> result = await OpenAITestSupport.ScriptedEmbeddings(handler).GenerateAsync(["first", "second"]);

        Assert.Equal([0.5f, -0.001f, 2f], result[0].Vector.ToArray());
        Assert.Equal([-0.029734965413808823f, -0.03928442299365997f, -0.002673378214240074f], result[1].Vector.ToArray());
        Assert.Equal("text-embedding-3-small", result[1].ModelId);
        Assert.Equal(12, result.Usage!.InputTokenCount);
    }

    private static AiProviderSettings AzureSettings() => new() { ApiKey = "azure-key", BaseUrl = new Uri("https://res.openai.azure.com"), DefaultModel = "gpt-4o-mini" };
}
