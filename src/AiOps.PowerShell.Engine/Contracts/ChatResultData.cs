// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.PowerShell.Engine;

/// <summary>The outcome of one <c>Invoke-AiChat</c> request, in BCL types.</summary>
public sealed class ChatResultData
{
    /// <summary>Gets or sets the answer's text.</summary>
    public string Content { get; set; } = string.Empty;

    /// <summary>Gets or sets the provider that answered.</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>Gets or sets the model that answered.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>).</summary>
    public string? FinishReason { get; set; }

    /// <summary>Gets or sets the input tokens summed over every round of the request.</summary>
    public long? InputTokens { get; set; }

    /// <summary>Gets or sets the output tokens summed over every round.</summary>
    public long? OutputTokens { get; set; }

    /// <summary>Gets or sets the total tokens summed over every round.</summary>
    public long? TotalTokens { get; set; }

    /// <summary>Gets or sets the cached input tokens, when the provider reports them.</summary>
    public long? CachedInputTokens { get; set; }

    /// <summary>Gets or sets the reasoning tokens, when the provider reports them.</summary>
    public long? ReasoningTokens { get; set; }

    /// <summary>Gets or sets the cost in US dollars, when the price table knows the model.</summary>
    public decimal? Cost { get; set; }

    /// <summary>Gets or sets how long the request took, tool calls included.</summary>
    public TimeSpan Duration { get; set; }

    /// <summary>Gets or sets the provider's request id of the last round.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets how many HTTP attempts the last round took, when the middleware reports it.</summary>
    public int? Attempts { get; set; }

    /// <summary>Gets the whole conversation including this answer: pass it back as history to continue.</summary>
    public IList<ChatMessageData> History { get; } = new List<ChatMessageData>();

    /// <summary>Gets the tool calls of every round, with what became of each.</summary>
    public IList<ToolCallData> ToolCalls { get; } = new List<ToolCallData>();

    /// <summary>Gets or sets the structured answer: an instance of <see cref="ChatRequestData.SchemaType"/>, or JSON text for a schema.</summary>
    public object? Value { get; set; }

    /// <summary>Gets or sets the provider's raw response as JSON text (when asked for).</summary>
    public string? RawJson { get; set; }

    /// <summary>Gets or sets the model's refusal text, when it refused.</summary>
    public string? Refusal { get; set; }

    /// <summary>Gets or sets the content-filter categories the provider reported, comma-separated.</summary>
    public string? FilteredCategories { get; set; }

    /// <summary>Gets or sets a value indicating whether the tool loop stopped at <see cref="ChatRequestData.MaxToolIterations"/>.</summary>
    public bool ToolIterationLimitReached { get; set; }
}
