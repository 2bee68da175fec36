// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>The source of an image or document block: <c>base64</c> (with media type), <c>url</c>, or <c>text</c> (plain-text documents).</summary>
internal sealed class AnthropicSource
{
    /// <summary>Gets or sets the source type.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = "base64";

    /// <summary>Gets or sets the media type of inline data.</summary>
    [JsonPropertyName("media_type")]
    public string? MediaType { get; set; }

    /// <summary>Gets or sets the inline data (base64, or the text of a text document).</summary>
    [JsonPropertyName("data")]
    public string? Data { get; set; }

    /// <summary>Gets or sets the URL Anthropic fetches.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }
}
