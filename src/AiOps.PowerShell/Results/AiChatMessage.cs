// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell;

/// <summary>One message of a conversation, provider-neutral: what <see cref="AiChatResult.History"/> holds and <c>-History</c> takes.</summary>
public sealed class AiChatMessage
{
    /// <summary>Initializes a new instance of the <see cref="AiChatMessage"/> class.</summary>
    public AiChatMessage()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AiChatMessage"/> class with a role and text.</summary>
    /// <param name="role">The role: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
    /// <param name="content">The text.</param>
    public AiChatMessage(string role, string? content)
    {
        Role = role;
        Content = content;
    }

    /// <summary>Gets or sets the role: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string Role { get; set; } = "user";

    /// <summary>Gets or sets the text (for a tool message, the tool's result).</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets the tool calls an assistant message made.</summary>
    public AiToolCall[] ToolCalls { get; set; } = [];

    /// <summary>Gets or sets the tool call a tool message answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Gets or sets the tool a tool message answers.</summary>
    public string? Name { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Role}: {Content ?? (ToolCalls.Length > 0 ? string.Join(", ", Array.ConvertAll(ToolCalls, c => c.Name + "(…)")) : string.Empty)}";
}
