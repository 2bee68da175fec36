// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps;

/// <summary>The assistant message of a non-streamed answer.</summary>
internal sealed class OpenAIResponseMessage
{
    /// <summary>Gets or sets the role (<c>assistant</c>).</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the content: a string, <see langword="null"/>, or (some compatible servers) an array of text parts.</summary>
    public JsonElement? Content { get; set; }

    /// <summary>Gets or sets the refusal text, sent instead of content when the model refuses.</summary>
    public string? Refusal { get; set; }

    /// <summary>Gets or sets reasoning text (DeepSeek, vLLM and other compatible servers).</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>Gets or sets reasoning text (Ollama, Groq and other compatible servers).</summary>
    public string? Reasoning { get; set; }

    /// <summary>Gets or sets the tool calls.</summary>
    public List<OpenAIToolCall>? ToolCalls { get; set; }
}
