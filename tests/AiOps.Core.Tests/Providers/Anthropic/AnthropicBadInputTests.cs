// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>Input Anthropic cannot express fails with <see cref="AiErrorKind.InvalidRequest"/> naming the provider and the field, and
/// nothing reaches the wire — for plain and streamed calls alike (streams fail at the call, before enumeration).</summary>
public sealed class AnthropicBadInputTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private static readonly JsonElement WeatherSchema = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}}}""").RootElement;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "bmp-image", "messages[0].contents[1].media_type", "image/bmp" },
        { "file-uri", "messages[0].contents[1].uri", "file:" },
        { "audio-uri", "messages[0].contents[0].media_type", "audio/mpeg" },
        { "array-schema", "tools[0].input_schema", "object schema" },
        { "hosted-tool", "tools[0]", "HostedWebSearchTool" },
        { "seed", "seed", "no seed" },
        { "frequency-penalty", "frequency_penalty", "frequency penalty" },
        { "presence-penalty", "presence_penalty", "presence penalty" },
        { "json-without-schema", "response_format", "schema" },
        { "unknown-required-tool", "tool_choice", "'missing_tool'" },
        { "required-without-tools", "tool_choice", "no tools" },
        { "small-thinking-budget", AnthropicOptions.ThinkingBudgetTokens, "1,024" },
        { "budget-above-max", "max_tokens", "below MaxTokens" },
        { "bad-budget-type", AnthropicOptions.ThinkingBudgetTokens, "whole number" },
        { "bad-cache-value", AnthropicOptions.CacheControl, "\"ephemeral\", \"5m\" or \"1h\"" },
        { "tool-call-in-user-turn", "messages[0].contents[0]", "assistant message" },
        { "tool-result-in-assistant-turn", "messages[1].contents[0]", "tool or user message" },
        { "only-system", "messages", "at least one user or assistant message" },
        { "image-in-system", "messages[0].contents[1]", "system prompt takes only text" },
        { "custom-role", "messages[0].role", "'critic'" },
        { "hosted-file", "messages[0].contents[1]", "HostedFileContent" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InputAnthropicCannotExpress_FailsBeforeSending_NamingTheField(string name, string parameter, string messagePart)
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        (List<ChatMessage> messages, ChatOptions options) = Build(name);

        AiException plain = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(messages, options));
        AiException streamed = Assert.Throws<AiException>(() => client.GetStreamingResponseAsync(messages, options));

        foreach (AiException error in new[] { plain, streamed })
        {
            Assert.Equal(AiErrorKind.InvalidRequest, error.Kind);
            Assert.Equal("anthropic", error.Provider);
            Assert.Equal(parameter, error.Parameter);
            Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
            Assert.EndsWith("Nothing was sent.", error.Message, StringComparison.Ordinal);
            Assert.Null(error.StatusCode);
        }

        Assert.Empty(AnthropicTestClients.Requests(sim, key));
    }

    [Fact]
    public async Task EmptyConversation_FailsInTheSharedValidator()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync([]));

        Assert.Equal((AiErrorKind.InvalidRequest, "messages", "anthropic"), (error.Kind, error.Parameter, error.Provider));
        Assert.Empty(AnthropicTestClients.Requests(sim, key));
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) Build(string name)
    {
        var user = new List<ChatMessage> { new(ChatRole.User, "Hi") };
        AIFunctionDeclaration weather = AIFunctionFactory.CreateDeclaration("get_weather", "Weather.", WeatherSchema);
        return name switch
        {
            "bmp-image" => ([new(ChatRole.User, [new TextContent("Look"), new DataContent(new byte[] { 0x42, 0x4D }, "image/bmp")])], new()),
            "file-uri" => ([new(ChatRole.User, [new TextContent("Look"), new UriContent(new Uri("file:///tmp/cat.png"), "image/png")])], new()),
            "audio-uri" => ([new(ChatRole.User, [new UriContent(new Uri("https://example.com/a.mp3"), "audio/mpeg")])], new()),
            "array-schema" => (user, new() { Tools = [AIFunctionFactory.CreateDeclaration("list", "List.", JsonDocument.Parse("""{"type":"array","items":{"type":"string"}}""").RootElement)] }),
            "hosted-tool" => (user, new() { Tools = [new HostedWebSearchTool()] }),
            "seed" => (user, new() { Seed = 42 }),
            "frequency-penalty" => (user, new() { FrequencyPenalty = 0.5f }),
            "presence-penalty" => (user, new() { PresencePenalty = -0.5f }),
            "json-without-schema" => (user, new() { ResponseFormat = ChatResponseFormat.Json }),
            "unknown-required-tool" => (user, new() { Tools = [weather], ToolMode = ChatToolMode.RequireSpecific("missing_tool") }),
            "required-without-tools" => (user, new() { ToolMode = ChatToolMode.RequireAny }),
            "small-thinking-budget" => (user, new() { AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 500 } }),
            "budget-above-max" => (user, new() { MaxOutputTokens = 2000, AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 2000 } }),
            "bad-budget-type" => (user, new() { AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = "lots" } }),
            "bad-cache-value" => (user, new() { AdditionalProperties = new() { [AnthropicOptions.CacheControl] = "forever" } }),
            "tool-call-in-user-turn" => ([new(ChatRole.User, [new FunctionCallContent("toolu_1", "get_weather")])], new()),
            "tool-result-in-assistant-turn" => ([new(ChatRole.User, "Hi"), new(ChatRole.Assistant, [new FunctionResultContent("toolu_1", "x")])], new()),
            "only-system" => ([new(ChatRole.System, "You are terse.")], new()),
            "image-in-system" => ([new(ChatRole.System, [new TextContent("Be terse."), new DataContent(new byte[] { 1 }, "image/png")]), new(ChatRole.User, "Hi")], new()),
            "custom-role" => ([new(new ChatRole("critic"), "Hmm")], new()),
            "hosted-file" => ([new(ChatRole.User, [new TextContent("Read this."), new HostedFileContent("file_123")])], new()),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
