// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using AiOps.PowerShell.Engine;
using Microsoft.Extensions.AI;

namespace AiOps.PowerShell.Tests;

public sealed class MessageMapperTests
{
    [Fact]
    public void Build_PutsTheSystemPromptFirstAndReplacesTheOneInTheHistory()
    {
        var request = new ChatRequestData { SystemPrompt = "new rules", UserText = "now?" };
        request.History.Add(new ChatMessageData { Role = "system", Content = "old rules" });
        request.History.Add(new ChatMessageData { Role = "user", Content = "hi" });
        request.History.Add(new ChatMessageData { Role = "assistant", Content = "hello" });

        List<ChatMessage> messages = MessageMapper.Build(request);

        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.Role.Value));
        Assert.Equal(["new rules", "hi", "hello", "now?"], messages.Select(m => m.Text));
    }

    [Fact]
    public void Build_AnswersToolCallsTheHistoryLeftUnanswered()
    {
        var request = new ChatRequestData { UserText = "next" };
        var assistant = new ChatMessageData { Role = "assistant" };
        assistant.ToolCalls.Add(new ToolCallData { Id = "call_1", Name = "Get-Thing", Arguments = """{"Name":"a"}""", Status = "Pending" });
        request.History.Add(new ChatMessageData { Role = "user", Content = "q" });
        request.History.Add(assistant);

        List<ChatMessage> messages = MessageMapper.Build(request);

        Assert.Equal(["user", "assistant", "tool", "user"], messages.Select(m => m.Role.Value));
        FunctionCallContent call = messages[1].Contents.OfType<FunctionCallContent>().Single();
        Assert.Equal("Get-Thing", call.Name);
        Assert.Equal("a", call.Arguments!["Name"]!.ToString());
        FunctionResultContent result = messages[2].Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal("call_1", result.CallId);
        Assert.Equal(MessageMapper.NotRunResult, result.Result);
    }

    [Theory]
    [InlineData("robot")]
    [InlineData("")]
    public void Build_RefusesAnUnknownRole(string role)
    {
        var request = new ChatRequestData { UserText = "x" };
        request.History.Add(new ChatMessageData { Role = role, Content = "c" });

        AiException ex = Assert.Throws<AiException>(() => MessageMapper.Build(request));

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("-History", ex.Parameter);
    }

    [Fact]
    public void ToData_SplitsToolResultsAndKeepsToolNames()
    {
        var calls = new Dictionary<string, ToolCallData> { ["c1"] = new() { Id = "c1", Name = "A", Status = "Completed" }, ["c2"] = new() { Id = "c2", Name = "B", Status = "Declined" } };
        ChatMessage[] messages =
        [
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "A"), new FunctionCallContent("c2", "B")]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "one"), new FunctionResultContent("c2", "two")]),
        ];
        var data = new List<ChatMessageData>();

        MessageMapper.ToData(messages, data, calls);

        Assert.Equal(3, data.Count);
        Assert.Equal(["Completed", "Declined"], data[0].ToolCalls.Select(c => c.Status));
        Assert.Equal(("tool", "c1", "A", "one"), (data[1].Role, data[1].ToolCallId, data[1].Name, data[1].Content));
        Assert.Equal(("tool", "c2", "B", "two"), (data[2].Role, data[2].ToolCallId, data[2].Name, data[2].Content));
    }
}
