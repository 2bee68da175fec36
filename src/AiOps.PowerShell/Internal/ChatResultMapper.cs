// Licensed under the MIT License.

using System.Linq;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary>Maps the engine's outcome to the public <see cref="AiChatResult"/>.</summary>
internal static class ChatResultMapper
{
    public static AiChatResult Map(ChatResultData data, object? value, bool streamed) => new()
    {
        Content = data.Content,
        Provider = data.Provider,
        Model = data.Model,
        FinishReason = data.FinishReason,
        Usage = new AiUsage
        {
            InputTokens = data.InputTokens,
            OutputTokens = data.OutputTokens,
            TotalTokens = data.TotalTokens,
            CachedInputTokens = data.CachedInputTokens,
            ReasoningTokens = data.ReasoningTokens,
        },
        Cost = data.Cost,
        Duration = data.Duration,
        History = data.History.Select(Map).ToArray(),
        ToolCalls = data.ToolCalls.Select(Map).ToArray(),
        Value = value,
        Refusal = data.Refusal,
        RequestId = data.RequestId,
        Raw = data.RawJson is null ? null : JsonToPSObject.Convert(data.RawJson),
        Streamed = streamed,
    };

    private static AiChatMessage Map(ChatMessageData m) => new(m.Role, m.Content)
    {
        ToolCallId = m.ToolCallId,
        Name = m.Name,
        ToolCalls = m.ToolCalls.Select(Map).ToArray(),
    };

    private static AiToolCall Map(ToolCallData c) => new() { Id = c.Id, Name = c.Name, Arguments = c.Arguments, Status = c.Status, Result = c.Result };
}
