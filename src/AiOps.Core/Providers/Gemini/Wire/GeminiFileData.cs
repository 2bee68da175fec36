// Licensed under the MIT License.

namespace AiOps;

/// <summary>Gemini <c>fileData</c>: a media type and a file URI.</summary>
internal sealed class GeminiFileData
{
    /// <summary>Gets or sets the media type.</summary>
    public string? MimeType { get; set; }

    /// <summary>Gets or sets the URI.</summary>
    public string? FileUri { get; set; }
}
