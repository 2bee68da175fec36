// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>Non-streamed Gemini chat against the simulator: the exact request sent and the exact result returned.</summary>
public sealed class GeminiChatClientTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_user_prompt_sends_the_key_only_in_x_goog_api_key_and_the_minimal_body()
    {
        string key = NewKey();
        ChatResponse response = await Chat(sim, key).GetResponseAsync([new ChatMessage(ChatRole.User, "Hello")]);

        RecordedRequest request = Single(sim, key);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal(Key, request.Headers["x-goog-api-key"]);
        Assert.DoesNotContain(Key, request.Path + request.Query, StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(J("{'contents':[{'role':'user','parts':[{'text':'Hello'}]}],'generationConfig':{'candidateCount':1}}"), request.Body);

        Assert.Equal(ReplyPlanner.DefaultText, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("gemini-2.5-flash", response.ModelId);
        Assert.StartsWith("simresp", response.ResponseId, StringComparison.Ordinal);
        Assert.Equal(2, response.Usage!.InputTokenCount);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        Assert.Equal(7, response.Usage.TotalTokenCount);
        Assert.Null(response.Usage.ReasoningTokenCount);
        Assert.Equal("google", response.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.Equal("STOP", response.AdditionalProperties[AiResponseProperties.RawFinishReason]);
        Assert.IsType<GeminiResponse>(response.RawRepresentation);
    }

    [Fact]
    public async Task The_model_comes_from_the_options_with_or_without_the_models_prefix_else_from_settings()
    {
        string key = NewKey();
        IChatClient chat = Chat(sim, key, s => s.DefaultModel = "gemini-2.0-flash");
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "a")]);
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "b")], new ChatOptions { ModelId = "models/gemini-2.5-pro" });

        IReadOnlyList<RecordedRequest> requests = Requests(sim, key);
        Assert.Equal("/v1beta/models/gemini-2.0-flash:generateContent", requests[0].Path);
        Assert.Equal("/v1beta/models/gemini-2.5-pro:generateContent", requests[1].Path);
    }

    [Fact]
    public async Task A_base_url_that_already_ends_in_v1beta_is_not_doubled()
    {
        string key = NewKey();
        await Chat(sim, key, s => s.BaseUrl = new Uri(sim.BaseAddress, "/v1beta/")).GetResponseAsync([new ChatMessage(ChatRole.User, "a")]);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", Single(sim, key).Path);
    }

    [Fact]
    public void A_base_url_with_a_query_is_refused_so_a_key_can_never_ride_in_the_url()
    {
        var ex = Assert.Throws<AiException>(() => Chat(sim, NewKey(), s => s.BaseUrl = new Uri("https://generativelanguage.googleapis.com/?key=abc")));
        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal("GEMINI_BASE_URL", ex.Parameter);
    }

    [Fact]
    public async Task System_messages_and_instructions_become_systemInstruction_and_every_generation_option_is_sent()
    {
        string key = NewKey();
        ChatMessage[] messages =
        [
            new(ChatRole.System, "Be brief."),
            new(ChatRole.User, "Hi"),
            new(ChatRole.Assistant, "Hello!"),
            new(ChatRole.User, "Weather?"),
        ];
        var options = new ChatOptions
        {
            Instructions = "You are AiOps.",
            Temperature = 0.5f,
            TopP = 0.9f,
            TopK = 40,
            MaxOutputTokens = 256,
            StopSequences = ["END"],
            Seed = 42,
            PresencePenalty = 0.25f,
            FrequencyPenalty = 0.5f,
        };

        await Chat(sim, key).GetResponseAsync(messages, options);

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'Hi'}]},{'role':'model','parts':[{'text':'Hello!'}]},{'role':'user','parts':[{'text':'Weather?'}]}]," +
              "'systemInstruction':{'parts':[{'text':'You are AiOps.'},{'text':'Be brief.'}]}," +
              "'generationConfig':{'temperature':0.5,'topP':0.9,'topK':40,'candidateCount':1,'maxOutputTokens':256,'stopSequences':['END'],'presencePenalty':0.25,'frequencyPenalty':0.5,'seed':42}}"),
            Single(sim, key).Body);
    }

    [Fact]
    public async Task Consecutive_turns_with_the_same_role_are_merged_and_images_go_inline()
    {
        string key = NewKey();
        ChatMessage[] messages =
        [
            new(ChatRole.User, "first"),
            new(ChatRole.User, [new TextContent("second"), new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new UriContent("https://example.com/a.jpg", "image/jpeg")]),
        ];

        await Chat(sim, key).GetResponseAsync(messages);

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'first'},{'text':'second'},{'inlineData':{'mimeType':'image/png','data':'AQID'}},{'fileData':{'mimeType':'image/jpeg','fileUri':'https://example.com/a.jpg'}}]}],'generationConfig':{'candidateCount':1}}"),
            Single(sim, key).Body);
    }

    [Fact]
    public async Task Provider_options_travel_through_AdditionalProperties()
    {
        string key = NewKey();
        var options = new ChatOptions
        {
            AdditionalProperties = new()
            {
                ["safety_settings"] = new[] { new Dictionary<string, object?> { ["category"] = "HARM_CATEGORY_HARASSMENT", ["threshold"] = "BLOCK_NONE" } },
                ["cached_content"] = "cachedContents/abc",
                ["thinking_budget"] = 512,
                ["thinking_level"] = "low",
                ["include_thoughts"] = false,
                ["media_resolution"] = "MEDIA_RESOLUTION_LOW",
                ["response_mime_type"] = "text/x.enum",
                ["some_other_provider_option"] = 1,
            },
        };

        await Chat(sim, key).GetResponseAsync([new ChatMessage(ChatRole.User, "x")], options);

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'x'}]}],'safetySettings':[{'category':'HARM_CATEGORY_HARASSMENT','threshold':'BLOCK_NONE'}],'cachedContent':'cachedContents/abc'," +
              "'generationConfig':{'candidateCount':1,'responseMimeType':'text/x.enum','thinkingConfig':{'thinkingBudget':512,'includeThoughts':false,'thinkingLevel':'low'},'mediaResolution':'MEDIA_RESOLUTION_LOW'}}"),
            Single(sim, key).Body);
    }

    [Theory]
    [InlineData(ReasoningEffort.None, "{'thinkingBudget':0}")]
    [InlineData(ReasoningEffort.Low, "{'thinkingBudget':1024}")]
    [InlineData(ReasoningEffort.Medium, "{'thinkingBudget':8192}")]
    [InlineData(ReasoningEffort.High, "{'thinkingBudget':24576}")]
    public async Task Reasoning_effort_maps_to_a_documented_thinking_budget(ReasoningEffort effort, string thinking)
    {
        string key = NewKey();
        await Chat(sim, key).GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });
        Assert.Equal(J("{'contents':[{'role':'user','parts':[{'text':'x'}]}],'generationConfig':{'candidateCount':1,'thinkingConfig':" + thinking + "}}"), Single(sim, key).Body);
    }

    [Fact]
    public async Task A_json_schema_is_sent_as_responseJsonSchema_with_the_json_mime_type_and_the_answer_is_json()
    {
        string key = NewKey();
        JsonElement schema = JsonDocument.Parse(J(
            "{'$schema':'https://json-schema.org/draft/2020-12/schema','type':'object','properties':{'city':{'type':'string','default':'Paris'},'temp':{'type':['number','null']}},'required':['city','temp'],'additionalProperties':false}")).RootElement;

        ChatResponse response = await Chat(sim, key, s => s.Headers["x-sim-scenario"] = "json")
            .GetResponseAsync([new ChatMessage(ChatRole.User, "weather")], new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "weather") });

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'weather'}]}],'generationConfig':{'candidateCount':1,'responseMimeType':'application/json'," +
              "'responseJsonSchema':{'type':'object','properties':{'city':{'type':'string'},'temp':{'type':['number','null']}},'required':['city','temp'],'additionalProperties':false}}}"),
            Single(sim, key).Body);
        Assert.Equal(J("{'city':'sample','temp':1.5}"), response.Text);
    }

    [Fact]
    public async Task Plain_json_mode_sets_only_the_mime_type()
    {
        string key = NewKey();
        await Chat(sim, key).GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        Assert.Equal(J("{'contents':[{'role':'user','parts':[{'text':'x'}]}],'generationConfig':{'candidateCount':1,'responseMimeType':'application/json'}}"), Single(sim, key).Body);
    }

    [Fact]
    public async Task A_length_cut_answer_finishes_with_Length()
    {
        ChatResponse response = await Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "length").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("This answer was cut by the token li", response.Text);
        Assert.Equal("MAX_TOKENS", response.AdditionalProperties![AiResponseProperties.RawFinishReason]);
    }

    [Fact]
    public async Task Usage_counts_thoughts_inside_output_and_reports_them_as_reasoning()
    {
        ChatResponse response = await Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "usage").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);

        // Simulator: promptTokenCount 100, candidatesTokenCount 30, thoughtsTokenCount 20, cachedContentTokenCount 40, total 150.
        UsageDetails usage = response.Usage!;
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(50, usage.OutputTokenCount);
        Assert.Equal(20, usage.ReasoningTokenCount);
        Assert.Equal(40, usage.CachedInputTokenCount);
        Assert.Equal(150, usage.TotalTokenCount);
        Assert.Equal(30, usage.AdditionalCounts![GeminiResponseMapper.CandidatesTokensKey]);
    }

    [Fact]
    public async Task A_filtered_answer_finishes_with_ContentFilter_and_names_the_categories()
    {
        ChatResponse response = await Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "filtered").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]);

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal(string.Empty, response.Text);
        Assert.Equal(new[] { "HARM_CATEGORY_DANGEROUS_CONTENT" }, response.AdditionalProperties![AiResponseProperties.FilteredCategories]);
        Assert.Equal("SAFETY", response.AdditionalProperties[AiResponseProperties.RawFinishReason]);
    }

    [Fact]
    public async Task A_blocked_prompt_throws_ContentFiltered_with_the_block_reason_and_categories()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() =>
            Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = "safety").GetResponseAsync([new ChatMessage(ChatRole.User, "x")]));

        Assert.Equal(AiErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal("google", ex.Provider);
        Assert.Equal("SAFETY", ex.ErrorCode);
        Assert.False(ex.IsRetryable);
        Assert.Equal(new[] { "HARM_CATEGORY_HARASSMENT" }, ex.Data[AiResponseProperties.FilteredCategories]);
        Assert.Contains("HARM_CATEGORY_HARASSMENT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thought_summaries_and_the_text_signature_come_back_and_are_sent_back_in_place()
    {
        string key = NewKey();
        IChatClient chat = Chat(sim, key);
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.Full } };
        ChatResponse first = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "x")], options);

        IList<AIContent> contents = first.Messages[0].Contents;
        Assert.Equal(3, contents.Count);
        Assert.Equal("Thinking about the request.", Assert.IsType<TextReasoningContent>(contents[0]).Text);
        Assert.Equal(ReplyPlanner.DefaultText, Assert.IsType<TextContent>(contents[1]).Text);
        var signature = Assert.IsType<TextReasoningContent>(contents[2]);
        Assert.Equal(string.Empty, signature.Text);
        Assert.Equal("c2ltLXNpZ25hdHVyZQ==", signature.ProtectedData);
        Assert.Equal(ReplyPlanner.DefaultText, first.Text);

        List<ChatMessage> history = [new(ChatRole.User, "x"), .. first.Messages, new(ChatRole.User, "more")];
        await chat.GetResponseAsync(history);

        Assert.Equal(
            J("{'contents':[{'role':'user','parts':[{'text':'x'}]},{'role':'model','parts':[{'text':'Thinking about the request.','thought':true},{'text':'Hello from the AiOps simulator.','thoughtSignature':'c2ltLXNpZ25hdHVyZQ=='}]},{'role':'user','parts':[{'text':'more'}]}],'generationConfig':{'candidateCount':1}}"),
            Requests(sim, key)[1].Body);
        Assert.Contains("'includeThoughts':true".Replace('\'', '"'), Requests(sim, key)[0].Body, StringComparison.Ordinal);
    }
}
