// Licensed under the MIT License.

using System;

namespace AiOps.PowerShell;

/// <summary>The answer of <c>Invoke-AiChat</c>. <see cref="ToString"/> is the text, so <c>| Set-Content</c> and string use just work;
/// piping it back into <c>Invoke-AiChat</c> continues the conversation (<see cref="History"/> binds to <c>-History</c>).</summary>
public sealed class AiChatResult
{
    /// <summary>Gets or sets the answer's text.</summary>
    public string Content { get; set; } = string.Empty;

    /// <summary>Gets or sets the provider that answered.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Gets or sets the model that answered.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets why the answer ended: <c>stop</c>, <c>length</c> (cut at the token limit), <c>tool_calls</c> or <c>content_filter</c>.</summary>
    public string? FinishReason { get; set; }

    /// <summary>Gets or sets the token counts.</summary>
    public AiUsage Usage { get; set; } = new();

    /// <summary>Gets or sets the cost in US dollars, when the price of the model is known.</summary>
    public decimal? Cost { get; set; }

    /// <summary>Gets or sets how long the request took, tool calls included.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Gets or sets the whole conversation including this answer.</summary>
    public AiChatMessage[] History { get; set; } = [];

    /// <summary>Gets or sets the tool calls the model made, with what became of each.</summary>
    public AiToolCall[] ToolCalls { get; set; } = [];

    /// <summary>Gets or sets the structured answer when <c>-ResponseSchema</c> was used (a typed object or a PSCustomObject).</summary>
    public object? Value { get; set; }

    /// <summary>Gets or sets the model's refusal, when it refused.</summary>
    public string? Refusal { get; set; }

    /// <summary>Gets or sets the provider's request id (quote it to the provider's support).</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the provider's raw response (with <c>-Raw</c>).</summary>
    public object? Raw { get; set; }

    /// <summary>Gets or sets a value indicating whether the text was already streamed to the host (the default view then shows only a summary line).</summary>
    public bool Streamed { get; set; }

    /// <summary>Returns the answer's text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Content;
}
