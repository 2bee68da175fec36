// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Content that the wire accepts either as a plain string or as an array of blocks (<c>system</c>, a message's
/// <c>content</c>, a <c>tool_result</c>'s <c>content</c>).</summary>
[JsonConverter(typeof(AnthropicContentConverter))]
internal sealed class AnthropicContent
{
    /// <summary>Gets or sets the plain-string form; wins over <see cref="Blocks"/> when set.</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets the block form.</summary>
    public List<AnthropicContentBlock> Blocks { get; set; } = [];

    /// <summary>Creates string content.</summary>
    public static AnthropicContent FromText(string text) => new() { Text = text };

    /// <summary>Creates block content.</summary>
    public static AnthropicContent FromBlocks(List<AnthropicContentBlock> blocks) => new() { Blocks = blocks };
}
