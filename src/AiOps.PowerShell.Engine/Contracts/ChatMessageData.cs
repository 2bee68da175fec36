// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.PowerShell.Engine;

/// <summary>One message of a conversation, provider-neutral, as it crosses the module boundary.</summary>
public sealed class ChatMessageData
{
    /// <summary>Gets or sets the role: <c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    public string Role { get; set; } = "user";

    /// <summary>Gets or sets the text (for a tool message: the tool's result).</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets the tool call a <c>tool</c> message answers.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Gets or sets the tool name a <c>tool</c> message answers.</summary>
    public string? Name { get; set; }

    /// <summary>Gets the tool calls an <c>assistant</c> message made.</summary>
    public IList<ToolCallData> ToolCalls { get; } = new List<ToolCallData>();

    /// <inheritdoc/>
    public override string ToString() => $"{Role}: {Content}";
}
