// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary><c>output_config</c>: structured output through <c>format</c>.</summary>
internal sealed class AnthropicOutputConfig
{
    /// <summary>Gets or sets the output format.</summary>
    [JsonPropertyName("format")]
    public AnthropicOutputFormat? Format { get; set; }
}
