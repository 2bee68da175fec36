// Licensed under the MIT License.

using System.Text.Json;

namespace AiOps;

/// <summary>One choice of a non-streamed answer.</summary>
internal sealed class OpenAIChoice
{
    /// <summary>Gets or sets the choice index.</summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the assistant message.</summary>
    public OpenAIResponseMessage? Message { get; set; }

    /// <summary>Gets or sets the finish reason (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>, …).</summary>
    public string? FinishReason { get; set; }

    /// <summary>Gets or sets Azure's per-choice content filter results.</summary>
    public JsonElement? ContentFilterResults { get; set; }
}
