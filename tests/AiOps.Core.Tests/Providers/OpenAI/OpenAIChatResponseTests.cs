// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>How non-streamed answers map to <see cref="ChatResponse"/> (wire-formats §1.6).</summary>
public sealed class OpenAIChatResponseTests : IClassFixture<SimulatorFixture>
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;
    private readonly OpenAITestSupport _support;

    public OpenAIChatResponseTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    [Fact]
    public async Task A_text_answer_maps_text_ids_model_time_finish_usage_and_provenance()
    {
        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hello there")], new ChatOptions { ModelId = "sim-text" });

        Assert.Equal("Hello from the AiOps simulator.", response.Text);
        ChatMessage message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.StartsWith("chatcmpl-sim", response.ResponseId, StringComparison.Ordinal);
        Assert.Equal(response.ResponseId, message.MessageId);
        Assert.Equal("sim-text", response.ModelId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1758038946), response.CreatedAt);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(3, response.Usage!.InputTokenCount);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        Assert.Equal(8, response.Usage.TotalTokenCount);
        Assert.Equal(0, response.Usage.CachedInputTokenCount);
        Assert.Equal(0, response.Usage.ReasoningTokenCount);
        OpenAIChatCompletion raw = Assert.IsType<OpenAIChatCompletion>(response.RawRepresentation);
        Assert.Equal("fp_sim", raw.SystemFingerprint);
        Assert.Equal("openai", response.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.StartsWith("req_sim_", (string)response.AdditionalProperties[AiResponseProperties.RequestId]!, StringComparison.Ordinal);
        Assert.Equal("stop", response.AdditionalProperties[AiResponseProperties.RawFinishReason]);
        Assert.False(response.AdditionalProperties.ContainsKey(AiResponseProperties.FilteredCategories));
    }

    [Fact]
    public async Task Cached_and_reasoning_tokens_map_to_usage_details()
    {
        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-usage" });

        Assert.Equal(100, response.Usage!.InputTokenCount);
        Assert.Equal(50, response.Usage.OutputTokenCount);
        Assert.Equal(150, response.Usage.TotalTokenCount);
        Assert.Equal(40, response.Usage.CachedInputTokenCount);
        Assert.Equal(20, response.Usage.ReasoningTokenCount);
    }

    [Theory]
    [InlineData("sim-length", "length")]
    [InlineData("sim-filtered", "content_filter")]
    [InlineData("sim-text", "stop")]
    public async Task Finish_reasons_map_to_the_canonical_values(string model, string expected)
    {
        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = model });

        Assert.Equal(new ChatFinishReason(expected), response.FinishReason);
        Assert.Equal(expected, response.AdditionalProperties![AiResponseProperties.RawFinishReason]);
    }

    [Fact]
    public async Task An_unknown_finish_reason_is_kept_as_is()
    {
        var handler = new ScriptedHandler("""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"x"},"finish_reason":"pause_turn"}]}""");

        ChatResponse response = await OpenAITestSupport.ScriptedChat(handler).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal(new ChatFinishReason("pause_turn"), response.FinishReason);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task A_tool_call_answer_has_function_calls_with_parsed_arguments()
    {
        var options = new ChatOptions { ModelId = "sim-tools", Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, WeatherSchema)] };

        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Weather?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        FunctionCallContent call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("call_sim1", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Null(call.Exception);
        JsonElement city = Assert.IsType<JsonElement>(call.Arguments!["city"]);
        Assert.Equal(JsonValueKind.String, city.ValueKind);
        Assert.Equal(string.Empty, response.Text);
    }

    [Fact]
    public async Task Parallel_tool_calls_come_back_in_order()
    {
        var options = new ChatOptions
        {
            ModelId = "sim-tools-parallel",
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, WeatherSchema), AIFunctionFactory.CreateDeclaration("get_time", null, WeatherSchema)],
        };

        ChatResponse response = await _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Weather and time?")], options);

        Assert.Equal(["call_sim1:get_weather", "call_sim2:get_time"], response.Messages[0].Contents.OfType<FunctionCallContent>().Select(c => c.CallId + ":" + c.Name));
    }

    [Fact]
    public async Task A_tool_result_round_trip_reaches_the_model()
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_sim1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_sim1", "sunny, 18C")]),
        };

        ChatResponse response = await _support.Chat().GetResponseAsync(history, new ChatOptions { ModelId = "sim-tools", Tools = [AIFunctionFactory.CreateDeclaration("get_weather", null, WeatherSchema)] });

        Assert.Equal("Tool said: sunny, 18C", response.Text);
    }

    [Fact]
    public async Task A_refusal_becomes_error_content_and_reasoning_becomes_reasoning_content()
    {
        var handler = new ScriptedHandler("""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't help with that.","reasoning_content":"Policy."},"finish_reason":"stop"}]}""");

        ChatResponse response = await OpenAITestSupport.ScriptedChat(handler).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        ErrorContent refusal = Assert.Single(response.Messages[0].Contents.OfType<ErrorContent>());
        Assert.Equal("I can't help with that.", refusal.Message);
        Assert.Equal("refusal", refusal.ErrorCode);
        Assert.Equal("Policy.", Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal(string.Empty, response.Text);
    }

    [Fact]
    public async Task An_answer_without_choices_is_an_invalid_response_not_an_empty_success()
    {
        var handler = new ScriptedHandler("""{"error":{"message":"upstream failed","type":"server_error"}}""");

        AiException ex = await Assert.ThrowsAsync<AiException>(() => OpenAITestSupport.ScriptedChat(handler).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(AiErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("upstream failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_cut_half_way_fails_instead_of_returning_partial_text()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-cut" }));

        Assert.True(ex.Kind is AiErrorKind.ServerError or AiErrorKind.InvalidResponse, ex.Kind.ToString());
        Assert.Equal("openai", ex.Provider);
    }

    [Fact]
    public void Metadata_names_the_provider_endpoint_and_default_model()
    {
        IChatClient client = _support.Chat();

        ChatClientMetadata metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal(_support.OpenAIBase, metadata.ProviderUri);
        Assert.Equal("gpt-4o-mini", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("key"));
    }

    [Fact]
    public async Task The_official_sdk_base_url_default_is_api_openai_com_v1()
    {
        var provider = new OpenAIProvider();
        IChatClient client = provider.CreateChatClient(_support.Context(provider, new AiProviderSettings { ApiKey = "sk" }));

        Assert.Equal(new Uri("https://api.openai.com/v1"), client.GetService<ChatClientMetadata>()!.ProviderUri);
        Assert.Equal("text-embedding-3-small", provider.DefaultEmbeddingModel);
        Assert.Equal("OPENAI_API_KEY", provider.ApiKeyVariable);
        await Task.CompletedTask;
    }
}
