// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AiOps.Simulator;
using AiOps.Tests.Providers.OpenAI;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.AzureOpenAI;

/// <summary>Azure OpenAI (wire-formats §5): both URL surfaces, api-key and Entra ID auth, content filtering, stream quirks and
/// endpoint normalisation.</summary>
public sealed class AzureOpenAITests : IClassFixture<SimulatorFixture>
{
    private readonly OpenAITestSupport _support;

    public AzureOpenAITests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    private AiProviderSettings Settings(string? apiVersion = null, string? deployment = "gpt-4o-mini-prod", string? key = "azure-key-123", Uri? endpoint = null)
    {
        AiProviderSettings settings = _support.Settings(endpoint ?? _support.Fixture.BaseAddress, key);
        settings.ApiVersion = apiVersion;
        settings.DefaultModel = deployment;
        settings.DefaultEmbeddingModel = "embed-prod";
        return settings;
    }

    private IChatClient Chat(AiProviderSettings settings) => _support.Chat(new AzureOpenAIProvider(), settings);

    [Fact]
    public async Task Without_an_api_version_the_v1_surface_is_used_with_the_deployment_as_model()
    {
        ChatResponse response = await Chat(Settings()).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        RecordedRequest request = _support.Single();
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal("azure-key-123", request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        JsonAssert.Equal("""{"model":"gpt-4o-mini-prod","messages":[{"role":"user","content":"Hi"}]}""", request.Body);
        Assert.Equal("Hello from the AiOps simulator.", response.Text);
        Assert.Equal("azure-openai", response.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.StartsWith("req_sim_", (string)response.AdditionalProperties[AiResponseProperties.RequestId]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_api_version_the_deployments_url_is_used_and_the_body_has_no_model()
    {
        var options = new ChatOptions { ModelId = "chat-dep", MaxOutputTokens = 50 };

        _ = await Chat(Settings("2024-10-21")).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options);
        _ = await OpenAITestSupport.CollectAsync(Chat(Settings("2024-10-21")).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options));

        IReadOnlyList<RecordedRequest> requests = _support.Requests();
        Assert.All(requests, r => Assert.Equal("/openai/deployments/chat-dep/chat/completions", r.Path));
        Assert.All(requests, r => Assert.Equal("?api-version=2024-10-21", r.Query));
        JsonAssert.Equal("""{"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":50}""", requests[0].Body);
        JsonAssert.Equal("""{"messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":50,"stream":true,"stream_options":{"include_usage":true}}""", requests[1].Body);
    }

    [Fact]
    public async Task An_api_version_before_2024_09_01_gets_max_tokens_no_stream_options_and_no_developer_role()
    {
        var options = new ChatOptions { ModelId = "o3-mini", MaxOutputTokens = 50 };

        _ = await OpenAITestSupport.CollectAsync(Chat(Settings("2024-06-01")).GetStreamingResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")], options));

        JsonAssert.Equal(
            """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],"max_tokens":50,"stream":true}""",
            _support.Single().Body);
    }

    [Fact]
    public async Task The_v1_surface_sends_developer_messages_for_an_o_series_deployment_name()
    {
        _ = await Chat(Settings(deployment: "o4-mini")).GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")]);

        JsonAssert.Equal("""{"model":"o4-mini","messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":"Hi"}]}""", _support.Single().Body);
    }

    [Theory]
    [InlineData(null, "/openai/v1/embeddings", "", """{"input":["a","b"],"model":"embed-prod","encoding_format":"base64","dimensions":3}""")]
    [InlineData("2024-10-21", "/openai/deployments/embed-prod/embeddings", "?api-version=2024-10-21", """{"input":["a","b"],"encoding_format":"base64","dimensions":3}""")]
    public async Task Embeddings_use_the_embedding_deployment_on_either_surface(string? apiVersion, string path, string query, string body)
    {
        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings(new AzureOpenAIProvider(), Settings(apiVersion)).GenerateAsync(["a", "b"], new EmbeddingGenerationOptions { Dimensions = 3 });

        RecordedRequest request = _support.Single();
        Assert.Equal(path, request.Path);
        Assert.Equal(query, request.Query);
        Assert.Equal("azure-key-123", request.Headers["api-key"]);
        JsonAssert.Equal(body, request.Body);
        Assert.Equal(DeterministicEmbedding.Create("b", 3), result[1].Vector.ToArray());
    }

    [Fact]
    public async Task Without_a_key_an_entra_id_token_is_sent_for_the_cognitive_services_scope()
    {
        var credential = new FakeTokenCredential();
        AiProviderSettings settings = Settings(key: null);
        settings.Credential = credential;

        _ = await Chat(settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);
        _ = await _support.Embeddings(new AzureOpenAIProvider(), settings).GenerateAsync(["a"]);

        Assert.All(_support.Requests(), r => Assert.Equal("Bearer entra-token-abc", r.Headers["Authorization"]));
        Assert.All(_support.Requests(), r => Assert.False(r.Headers.ContainsKey("api-key")));
        Assert.Equal(["https://cognitiveservices.azure.com/.default", "https://cognitiveservices.azure.com/.default"], credential.Scopes);
    }

    [Fact]
    public async Task A_key_wins_over_a_credential()
    {
        var credential = new FakeTokenCredential();
        AiProviderSettings settings = Settings();
        settings.Credential = credential;

        _ = await Chat(settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("azure-key-123", _support.Single().Headers["api-key"]);
        Assert.Empty(credential.Scopes);
    }

    [Fact]
    public async Task Neither_key_nor_credential_fails_with_missing_api_key_before_sending()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => Chat(Settings(key: null)).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(AiErrorKind.MissingApiKey, ex.Kind);
        Assert.Equal("AZURE_OPENAI_API_KEY", ex.Parameter);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task A_missing_deployment_fails_naming_the_variables_before_sending()
    {
        AiException chat = await Assert.ThrowsAsync<AiException>(() => Chat(Settings(deployment: null)).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
        AiException stream = Assert.Throws<AiException>(() => Chat(Settings(deployment: null)).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
        AiProviderSettings noEmbedding = Settings();
        noEmbedding.DefaultEmbeddingModel = null;
        AiException embed = await Assert.ThrowsAsync<AiException>(() => _support.Embeddings(new AzureOpenAIProvider(), noEmbedding).GenerateAsync(["a"]));

        Assert.Equal(AiErrorKind.InvalidConfiguration, chat.Kind);
        Assert.Equal("AZURE_OPENAI_DEPLOYMENT", chat.Parameter);
        Assert.Contains("AZURE_OPENAI_DEPLOYMENT", chat.Message, StringComparison.Ordinal);
        Assert.Contains("AI_DEFAULT_MODEL", chat.Message, StringComparison.Ordinal);
        Assert.Equal("AZURE_OPENAI_DEPLOYMENT", stream.Parameter);
        Assert.Equal("AZURE_OPENAI_EMBEDDING_DEPLOYMENT", embed.Parameter);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task A_missing_endpoint_fails_naming_azure_openai_endpoint_before_sending()
    {
        var provider = new AzureOpenAIProvider();
        var settings = new AiProviderSettings { ApiKey = "k", DefaultModel = "d" };
        IChatClient client = provider.CreateChatClient(_support.Context(provider, settings));

        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal("AZURE_OPENAI_ENDPOINT", ex.Parameter);
    }

    [Theory]
    [InlineData("https://my-res.openai.azure.com/openai/deployments/gpt4/chat/completions?api-version=2024-10-21", "https://my-res.openai.azure.com")]
    [InlineData("https://my-res.openai.azure.com/openai/v1/", "https://my-res.openai.azure.com")]
    [InlineData("https://my-res.openai.azure.com/openai", "https://my-res.openai.azure.com")]
    [InlineData("https://apim.example.com/team-a/openai/deployments/x/embeddings", "https://apim.example.com/team-a")]
    [InlineData("https://my-res.openai.azure.com/?api-version=2024-10-21", "https://my-res.openai.azure.com")]
    public void A_pasted_rest_url_is_rejected_at_creation_showing_the_endpoint_to_use(string pasted, string endpoint)
    {
        var provider = new AzureOpenAIProvider();

        AiException ex = Assert.Throws<AiException>(() => provider.CreateChatClient(_support.Context(provider, Settings(endpoint: new Uri(pasted)))));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal("AZURE_OPENAI_ENDPOINT", ex.Parameter);
        Assert.Contains($"the resource endpoint {endpoint} ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("api-version=2024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trailing_slashes_are_trimmed_and_a_gateway_path_prefix_is_kept()
    {
        var handler = new ScriptedHandler("""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""");
        var settings = new AiProviderSettings { ApiKey = "k", DefaultModel = "dep", BaseUrl = new Uri("https://apim.example.com/team-a///"), ApiVersion = "2024-10-21" };

        _ = await OpenAITestSupport.ScriptedChat(handler, new AzureOpenAIProvider(), settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);
        settings.BaseUrl = new Uri(_support.Fixture.BaseAddress + "//");
        settings.ApiVersion = null;
        settings.Headers["x-test-id"] = _support.TestId;
        _ = await Chat(settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("https://apim.example.com/team-a/openai/deployments/dep/chat/completions?api-version=2024-10-21", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("/openai/v1/chat/completions", _support.Single().Path);
    }

    [Fact]
    public async Task A_deployment_name_is_escaped_once_in_the_url()
    {
        var handler = new ScriptedHandler("""{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""");
        var settings = new AiProviderSettings { ApiKey = "k", BaseUrl = new Uri("https://r.openai.azure.com"), ApiVersion = "2024-10-21" };

        _ = await OpenAITestSupport.ScriptedChat(handler, new AzureOpenAIProvider(), settings).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "team/dep 1%" });

        Assert.Equal("https://r.openai.azure.com/openai/deployments/team%2Fdep%201%25/chat/completions?api-version=2024-10-21", handler.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_prompt_blocked_by_the_content_filter_is_content_filtered_with_its_categories()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => Chat(Settings()).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-blocked" }));

        Assert.Equal(AiErrorKind.ContentFiltered, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("content_filter", ex.ErrorCode);
        Assert.Equal("prompt", ex.Parameter);
        Assert.False(ex.IsRetryable);
        Assert.Contains("Filtered categories: violence", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("req_sim_", ex.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_recorded_azure_filter_error_body_maps_to_content_filtered_with_jailbreak()
    {
        const string Body = """{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":true,"detected":true},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}""";
        var handler = new ScriptedHandler(Body, status: System.Net.HttpStatusCode.BadRequest);
        handler.ResponseHeaders["apim-request-id"] = "apim-1";

        AiException ex = await Assert.ThrowsAsync<AiException>(() => OpenAITestSupport.ScriptedChat(handler, new AzureOpenAIProvider(), Settings(endpoint: new Uri("https://r.openai.azure.com"))).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(AiErrorKind.ContentFiltered, ex.Kind);
        Assert.Contains("Filtered categories: jailbreak", ex.Message, StringComparison.Ordinal);
        Assert.Equal("apim-1", ex.RequestId);
    }

    [Fact]
    public async Task A_filtered_answer_finishes_with_content_filter_and_its_categories()
    {
        var options = new ChatOptions { ModelId = "sim-filtered" };

        ChatResponse response = await Chat(Settings()).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options);
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(Chat(Settings()).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Equal(["violence"], (string[])response.AdditionalProperties![AiResponseProperties.FilteredCategories]!);
        ChatResponseUpdate finish = Assert.Single(updates, u => u.FinishReason is not null);
        Assert.Equal(ChatFinishReason.ContentFilter, finish.FinishReason);
        Assert.Equal(["violence"], (string[])finish.AdditionalProperties![AiResponseProperties.FilteredCategories]!);
    }

    [Fact]
    public async Task An_azure_stream_with_a_filter_first_chunk_and_annotations_after_the_finish_reads_cleanly()
    {
        List<ChatResponseUpdate> updates = await OpenAITestSupport.CollectAsync(
            Chat(Settings()).GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-long-6" }));

        ChatResponse response = updates.ToChatResponse();
        Assert.Equal("word1 word2 word3 word4 word5 word6", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.StartsWith("chatcmpl-sim", response.ResponseId, StringComparison.Ordinal);
        Assert.All(updates, u => Assert.False(string.IsNullOrEmpty(u.ResponseId)));
        Assert.NotNull(response.Usage);
        Assert.DoesNotContain(updates, u => u.AdditionalProperties?.ContainsKey(AiResponseProperties.FilteredCategories) == true);
    }

    [Theory]
    [InlineData("sim-error-401", AiErrorKind.Authentication, "401")]
    [InlineData("sim-error-404", AiErrorKind.NotFound, "DeploymentNotFound")]
    [InlineData("sim-quota", AiErrorKind.QuotaExceeded, "insufficient_quota")]
    [InlineData("sim-error-500", AiErrorKind.ServerError, "500")]
    public async Task Azure_error_bodies_map_to_their_kinds(string model, AiErrorKind kind, string code)
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => Chat(Settings()).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = model }));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal("azure-openai", ex.Provider);
        Assert.StartsWith("req_sim_", ex.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_azure_429_carries_retry_after()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => Chat(Settings()).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-ratelimit-12" }));

        Assert.Equal(AiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public void Metadata_names_azure_openai_and_the_endpoint()
    {
        ChatClientMetadata metadata = Chat(Settings()).GetService<ChatClientMetadata>()!;

        Assert.Equal("azure-openai", metadata.ProviderName);
        Assert.Equal(_support.Fixture.BaseAddress, metadata.ProviderUri);
        Assert.Equal("gpt-4o-mini-prod", metadata.DefaultModelId);
    }
}
