// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>Bad input fails with an <see cref="AiException"/> that names the parameter or variable, and nothing reaches the server.</summary>
public sealed class OpenAIBadInputTests : IClassFixture<SimulatorFixture>
{
    private readonly OpenAITestSupport _support;

    public OpenAIBadInputTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    public static TheoryData<string, ChatMessage[], ChatOptions?, string> BadChats => new()
    {
        { "empty list", [], null, "messages" },
        { "no content", [new ChatMessage(ChatRole.User, (string?)null)], null, "messages[0]" },
        { "empty text", [new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, string.Empty)], null, "messages[1]" },
        { "NaN temperature", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Temperature = float.NaN }, "temperature" },
        { "negative temperature", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { Temperature = -0.1f }, "temperature" },
        { "zero max tokens", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = 0 }, "max_tokens" },
        { "negative max tokens", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { MaxOutputTokens = -5 }, "max_tokens" },
        { "top_p above 1", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { TopP = 1.5f }, "top_p" },
        { "tool message without a result", [new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Tool, "sunny")], null, "messages[1]" },
        { "link to a pdf", [new ChatMessage(ChatRole.User, [new UriContent(new Uri("https://example.com/a.pdf"), "application/pdf")])], null, "messages[0]" },
        { "image in a system message", [new ChatMessage(ChatRole.System, [new DataContent(new byte[] { 1 }, "image/png")]), new ChatMessage(ChatRole.User, "Hi")], null, "messages[0]" },
        { "ogg audio", [new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "audio/ogg")])], null, "messages[0]" },
        { "tool call without id", [new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(string.Empty, "f")])], null, "messages[1]" },
        { "bad system_role", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { AdditionalProperties = new() { ["system_role"] = "boss" } }, "system_role" },
        { "extra_body not an object", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { AdditionalProperties = new() { ["extra_body"] = "x" } }, "extra_body" },
        { "extra_body sets messages", [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { AdditionalProperties = new() { ["extra_body"] = new Dictionary<string, object?> { ["messages"] = 1 } } }, "extra_body" },
    };

    [Theory]
    [MemberData(nameof(BadChats))]
    public async Task Bad_chat_input_fails_before_sending(string because, ChatMessage[] messages, ChatOptions? options, string parameter)
    {
        IChatClient client = _support.Chat();

        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(messages, options));
        AiException streamed = Assert.Throws<AiException>(() => client.GetStreamingResponseAsync(messages, options));

        Assert.True(ex.Kind == AiErrorKind.InvalidRequest, because);
        Assert.Equal(parameter, ex.Parameter);
        Assert.Equal(parameter, streamed.Parameter);
        Assert.Equal("openai", ex.Provider);
        Assert.Contains("Nothing was sent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task A_null_message_list_fails_before_sending()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => _support.Chat().GetResponseAsync((IEnumerable<ChatMessage>)null!));

        Assert.Equal("messages", ex.Parameter);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task A_tool_that_is_not_a_function_is_an_invalid_request()
    {
        var options = new ChatOptions { Tools = [new HostedWebSearchTool()] };

        AiException ex = await Assert.ThrowsAsync<AiException>(() => _support.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options));

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("tools[0]", ex.Parameter);
        Assert.Empty(_support.Requests());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("env:AIOPS_TEST_UNSET_VARIABLE_7F3A")]
    public async Task A_missing_key_fails_with_missing_api_key_naming_the_variable(string? key)
    {
        IChatClient client = _support.Chat(settings: _support.Settings(apiKey: key));

        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));
        AiException embed = await Assert.ThrowsAsync<AiException>(() => _support.Embeddings(settings: _support.Settings(apiKey: key)).GenerateAsync(["a"]));

        Assert.Equal(AiErrorKind.MissingApiKey, ex.Kind);
        Assert.Equal("OPENAI_API_KEY", ex.Parameter);
        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Equal(AiErrorKind.MissingApiKey, embed.Kind);
        Assert.Empty(_support.Requests());
    }

    [Theory]
    [InlineData("ftp://example.com/v1")]
    [InlineData("file:///tmp/openai")]
    public void A_malformed_base_url_fails_when_the_client_is_created(string url)
    {
        var provider = new OpenAIProvider();
        AiProviderSettings settings = _support.Settings(new Uri(url));

        AiException chat = Assert.Throws<AiException>(() => provider.CreateChatClient(_support.Context(provider, settings)));
        AiException embed = Assert.Throws<AiException>(() => provider.CreateEmbeddingGenerator(_support.Context(provider, settings)));

        Assert.Equal(AiErrorKind.InvalidConfiguration, chat.Kind);
        Assert.Equal("OPENAI_BASE_URL", chat.Parameter);
        Assert.Equal(AiErrorKind.InvalidConfiguration, embed.Kind);
    }

    [Fact]
    public void A_relative_base_url_fails_when_the_client_is_created()
    {
        var provider = new OpenAIProvider();

        AiException ex = Assert.Throws<AiException>(() => provider.CreateChatClient(_support.Context(provider, _support.Settings(new Uri("/v1", UriKind.Relative)))));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
    }

    [Fact]
    public void A_malformed_base_url_variable_fails_at_load_naming_it()
    {
        var variables = new Dictionary<string, string> { ["OPENAI_BASE_URL"] = "api.openai.com/v1 oops", ["OPENAI_API_KEY"] = "sk-x" };

        AiException ex = Assert.Throws<AiException>(() => AiOpsConfiguration.FromEnvironment(n => variables.GetValueOrDefault(n)));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal("OPENAI_BASE_URL", ex.Parameter);
    }

    [Fact]
    public void An_unknown_provider_fails_naming_the_known_ones()
    {
        using var factory = new AiClientFactory(new AiOpsOptions());

        AiException ex = Assert.Throws<AiException>(() => factory.GetClient(new AiProviderId("nope")));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Contains("openai, openai-compatible", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[], EmbeddingGenerationOptions?, string> BadEmbeddings => new()
    {
        { "empty string", ["a", string.Empty], null, "inputs[1]" },
        { "null input", ["a", null!], null, "inputs[1]" },
        { "extra_body sets input", ["a"], new EmbeddingGenerationOptions { AdditionalProperties = new() { ["extra_body"] = new Dictionary<string, object?> { ["input"] = "x" } } }, "extra_body" },
    };

    [Theory]
    [MemberData(nameof(BadEmbeddings))]
    public async Task Bad_embedding_input_fails_before_sending(string because, string[] inputs, EmbeddingGenerationOptions? options, string parameter)
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => _support.Embeddings().GenerateAsync(inputs, options));

        Assert.True(ex.Kind == AiErrorKind.InvalidRequest, because);
        Assert.Equal(parameter, ex.Parameter);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task An_empty_input_list_returns_no_embeddings_without_a_request()
    {
        GeneratedEmbeddings<Embedding<float>> result = await _support.Embeddings().GenerateAsync([]);

        Assert.Empty(result);
        Assert.Empty(_support.Requests());
    }

    [Fact]
    public async Task The_facade_rejects_bad_input_before_the_provider_is_called()
    {
        var options = new AiOpsOptions();
        options.Providers[AiProviderId.OpenAI] = _support.Settings();
        await using AiClient client = AiClient.Create(options);

        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.ChatAsync(Array.Empty<ChatMessage>()));

        Assert.Equal("messages", ex.Parameter);
        Assert.Empty(_support.Requests());
    }
}
