// Licensed under the MIT License.

namespace AiOps;

/// <summary>The function part of a tool call.</summary>
internal sealed class OpenAIFunctionCall
{
    /// <summary>Gets or sets the function name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments as a JSON string.</summary>
    public string? Arguments { get; set; }
}
