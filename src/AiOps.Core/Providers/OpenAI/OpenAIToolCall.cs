// Licensed under the MIT License.

namespace AiOps;

/// <summary>A tool call in a non-streamed answer (<c>arguments</c> is a JSON string).</summary>
internal sealed class OpenAIToolCall
{
    /// <summary>Gets or sets the call id (<c>call_…</c>); some compatible servers omit it.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the tool type (<c>function</c>).</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the function name and arguments.</summary>
    public OpenAIFunctionCall? Function { get; set; }
}
