// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Client;

public sealed class AiPromptBuilderTests
{
    public sealed record Incident(string Title, Severity Severity, int AffectedHosts, List<string> Tags, string? Owner);

    public enum Severity
    {
        Low,
        High,
    }

    [Fact]
    public async Task SendAsync_BuildsMessagesAndOptionsExactly()
    {
        var chat = new ScriptedChatClient();
        using var client = new AiClient(chat);
        AITool tool = AIFunctionFactory.Create((string city) => "sunny", "get_weather");

        await client.Prompt()
            .System("Be brief.")
            .User("What is the weather?")
            .Assistant("Where?")
            .User("Oslo")
            .Model("gpt-4o-mini")
            .Temperature(0.2f)
            .MaxTokens(500)
            .TopP(0.9f)
            .Stop("END", "STOP")
            .Tools(tool)
            .Option("seed", 42)
            .SendAsync();

        (IReadOnlyList<ChatMessage> messages, ChatOptions? options) = Assert.Single(chat.Calls);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], messages.Select(m => m.Role));
        Assert.Equal(["Be brief.", "What is the weather?", "Where?", "Oslo"], messages.Select(m => m.Text));
        Assert.NotNull(options);
        Assert.Equal("gpt-4o-mini", options.ModelId);
        Assert.Equal(0.2f, options.Temperature);
        Assert.Equal(500, options.MaxOutputTokens);
        Assert.Equal(0.9f, options.TopP);
        Assert.Equal(["END", "STOP"], options.StopSequences);
        Assert.Equal("get_weather", Assert.Single(options.Tools!).Name);
        Assert.Equal(42, options.AdditionalProperties!["seed"]);
    }

    [Fact]
    public async Task SendAsyncOfT_SendsTheGeneratedSchema_AndReturnsTheTypedReply()
    {
        var chat = new ScriptedChatClient
        {
            Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant,
                "{\"title\":\"Disk full on web-01\",\"severity\":\"High\",\"affectedHosts\":1,\"tags\":[\"disk\"],\"owner\":null}")),
        };
        using var client = new AiClient(chat);

        Incident incident = await client.Prompt().User("Classify: disk full on web-01").SendAsync<Incident>();

        Assert.Equal(new Incident("Disk full on web-01", Severity.High, 1, ["disk"], null) with { Tags = incident.Tags }, incident);
        Assert.Equal(["disk"], incident.Tags);
        ChatResponseFormatJson format = Assert.IsType<ChatResponseFormatJson>(chat.Calls[0].Options!.ResponseFormat);
        Assert.Equal("Incident", format.SchemaName);
        JsonElement schema = format.Schema!.Value;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        JsonElement properties = schema.GetProperty("properties");
        Assert.True(properties.TryGetProperty("title", out _));
        Assert.True(properties.TryGetProperty("affectedHosts", out _));
    }

    [Fact]
    public async Task SendAsyncOfT_ReplyInACodeFence_IsAccepted()
    {
        var chat = new ScriptedChatClient
        {
            Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant,
                "```json\n{\"title\":\"t\",\"severity\":\"Low\",\"affectedHosts\":0,\"tags\":[],\"owner\":\"ops\"}\n```")),
        };
        using var client = new AiClient(chat);

        Incident incident = await client.Prompt().User("x").SendAsync<Incident>();

        Assert.Equal("ops", incident.Owner);
    }

    [Theory]
    [InlineData("{\"title\": not json", "not valid JSON")]
    [InlineData("{\"title\":\"t\",\"severity\":\"Low\",\"affectedHosts\":\"many\",\"tags\":[],\"owner\":null}", "$.affectedHosts should be")]
    [InlineData("{\"title\":\"t\",\"severity\":\"Medium\",\"affectedHosts\":1,\"tags\":[],\"owner\":null}", "$.severity is \"Medium\", not one of")]
    [InlineData("[1,2]", "$ should be")]
    public async Task SendAsyncOfT_InvalidReply_ThrowsInvalidResponseSayingWhatIsWrong(string reply, string expected)
    {
        var chat = new ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)) };
        using var client = new AiClient(chat);

        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.Prompt().User("x").SendAsync<Incident>());

        Assert.Equal(AiErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_YieldsTheClientsUpdates()
    {
        var chat = new ScriptedChatClient { Stream = (_, _) => [new(ChatRole.Assistant, "Hel"), new(null, "lo")] };
        using var client = new AiClient(chat);

        var text = new List<string>();
        await foreach (ChatResponseUpdate update in client.Prompt().User("hi").StreamAsync())
        {
            text.Add(update.Text);
        }

        Assert.Equal(["Hel", "lo"], text);
    }
}
