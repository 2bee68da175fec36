// Licensed under the MIT License.

namespace AiOps;

/// <summary>Gemini <c>inlineData</c>: a media type and base64 bytes.</summary>
internal sealed class GeminiBlob
{
    /// <summary>Gets or sets the media type (<c>image/png</c>, …).</summary>
    public string? MimeType { get; set; }

    /// <summary>Gets or sets the base64 data.</summary>
    public string? Data { get; set; }
}
