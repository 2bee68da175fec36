// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>What Gemini cannot express fails with <see cref="AiErrorKind.InvalidRequest"/> naming provider and field, before anything is
/// sent (the HTTP handler used here fails the test if it is called).</summary>
public sealed class GeminiBadInputTests
{
    private static readonly AIFunction Weather = AIFunctionFactory.Create((string city) => city, "get_weather");

    public static TheoryData<string, ChatMessage[], ChatOptions?, string> Cases() => new()
    {
        { "gif image", [new(ChatRole.User, [new TextContent("look"), new DataContent(new byte[] { 1 }, "image/gif")])], null, "messages[0].contents[1]" },
        { "svg url", [new(ChatRole.User, [new UriContent("https://example.com/a.svg", "image/svg+xml")])], null, "messages[0].contents[0]" },
        { "image in system", [new(ChatRole.System, [new DataContent(new byte[] { 1 }, "image/png")]), new(ChatRole.User, "x")], null, "messages[0].contents[0]" },
        { "only system", [new(ChatRole.System, "be nice")], null, "messages" },
        { "custom role", [new(new ChatRole("critic"), "x")], null, "messages[0].role" },
        { "orphan result", [new(ChatRole.Tool, [new FunctionResultContent("call_1", "r")])], null, "messages[0].contents[0]" },
        { "call in user turn", [new(ChatRole.User, [new FunctionCallContent("c", "f")])], null, "messages[0].contents[0]" },
        { "error content", [new(ChatRole.User, [new TextContent("x"), new ErrorContent("boom")])], null, "messages[0].contents[1]" },
        { "hosted tool", [new(ChatRole.User, "x")], new ChatOptions { Tools = [new HostedWebSearchTool()] }, "tools[0]" },
        { "bad tool name", [new(ChatRole.User, "x")], new ChatOptions { Tools = [AIFunctionFactory.Create(() => 1, "get weather")] }, "tools[0].name" },
        { "duplicate tool", [new(ChatRole.User, "x")], new ChatOptions { Tools = [Weather, Weather] }, "tools[1].name" },
        { "single call only", [new(ChatRole.User, "x")], new ChatOptions { Tools = [Weather], AllowMultipleToolCalls = false }, "allow_multiple_tool_calls" },
        { "unknown required tool", [new(ChatRole.User, "x")], new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.RequireSpecific("nope") }, "tool_choice" },
        { "required without tools", [new(ChatRole.User, "x")], new ChatOptions { ToolMode = ChatToolMode.RequireAny }, "tool_choice" },
        { "seed too large", [new(ChatRole.User, "x")], new ChatOptions { Seed = 1L << 40 }, "seed" },
        { "conversation id", [new(ChatRole.User, "x")], new ChatOptions { ConversationId = "conv_1" }, "conversation_id" },
        { "bad model", [new(ChatRole.User, "x")], new ChatOptions { ModelId = "gemini/2.5?key=1" }, "model" },
        { "bad budget", [new(ChatRole.User, "x")], new ChatOptions { AdditionalProperties = new() { ["thinking_budget"] = "lots" } }, "AdditionalProperties[thinking_budget]" },
        { "bad safety settings", [new(ChatRole.User, "x")], new ChatOptions { AdditionalProperties = new() { ["safety_settings"] = "BLOCK_NONE" } }, "AdditionalProperties[safety_settings]" },
        {
            "schema keyword", [new(ChatRole.User, "x")],
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"x\":{\"not\":{\"type\":\"null\"}}}}").RootElement) },
            "response_format.schema.properties.x.not"
        },
        {
            "tool schema keyword", [new(ChatRole.User, "x")],
            new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("f", "d", JsonDocument.Parse("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"patternProperties\":{\"^x\":{}}}").RootElement)] },
            "tools[0].parameters.patternProperties"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fails_before_sending_naming_provider_and_field(string what, ChatMessage[] messages, ChatOptions? options, string field)
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => NeverSends().GetResponseAsync(messages, options));
        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("google", ex.Provider);
        Assert.Equal(field, ex.Parameter);
        Assert.Contains("Nothing was sent.", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.Message.Contains("Gemini", StringComparison.Ordinal) || what is "duplicate tool" or "unknown required tool" or "required without tools",
            $"{what}: the message should name Gemini: {ex.Message}");
    }

    [Fact]
    public void A_stream_with_bad_input_fails_at_the_call_not_at_the_first_read()
    {
        var ex = Assert.Throws<AiException>(() => NeverSends().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "image/bmp")])]));
        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
    }

    [Fact]
    public async Task The_shared_validator_runs_first()
    {
        var ex = await Assert.ThrowsAsync<AiException>(() => NeverSends().GetResponseAsync(new List<ChatMessage>()));
        Assert.Equal("messages", ex.Parameter);
        ex = await Assert.ThrowsAsync<AiException>(() => NeverSends().GetResponseAsync([new ChatMessage(ChatRole.User, "x")], new ChatOptions { Temperature = -1 }));
        Assert.Equal("temperature", ex.Parameter);
    }
}
