// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>One part of a Gemini <c>Content</c>: exactly one data field, plus the optional <c>thought</c> flag and <c>thoughtSignature</c>.</summary>
/// <remarks>Used for requests (serialized by <see cref="GeminiJsonContext"/>) and responses (read by <see cref="GeminiResponseReader"/>).</remarks>
internal sealed class GeminiPart
{
    /// <summary>Gets or sets the text (a delta when streaming).</summary>
    public string? Text { get; set; }

    /// <summary>Gets or sets whether the text is a thought summary.</summary>
    public bool? Thought { get; set; }

    /// <summary>Gets or sets inline bytes (images, audio, PDF).</summary>
    public GeminiBlob? InlineData { get; set; }

    /// <summary>Gets or sets a file reference.</summary>
    public GeminiFileData? FileData { get; set; }

    /// <summary>Gets or sets a function call the model made.</summary>
    public GeminiFunctionCall? FunctionCall { get; set; }

    /// <summary>Gets or sets a function result sent back to the model.</summary>
    public GeminiFunctionResponse? FunctionResponse { get; set; }

    /// <summary>Gets or sets the opaque thought signature (base64, proto <c>bytes</c>), echoed back verbatim.</summary>
    public string? ThoughtSignature { get; set; }

    /// <summary>Gets or sets a part kind AiOps does not map (<c>executableCode</c>, …), kept for <c>RawRepresentation</c>.</summary>
    [JsonIgnore]
    public JsonElement? Other { get; set; }
}
