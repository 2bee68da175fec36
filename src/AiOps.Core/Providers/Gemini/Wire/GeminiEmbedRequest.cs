// Licensed under the MIT License.

namespace AiOps;

/// <summary>The body of <c>embedContent</c>, and one entry of <c>batchEmbedContents</c> (wire-formats §4.9).</summary>
internal sealed class GeminiEmbedRequest
{
    /// <summary>Gets or sets the model as <c>models/&lt;id&gt;</c> (repeated in every batch entry).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the text to embed.</summary>
    public GeminiContent Content { get; set; } = new();

    /// <summary>Gets or sets the task type (<c>RETRIEVAL_QUERY</c>, …).</summary>
    public string? TaskType { get; set; }

    /// <summary>Gets or sets the title (used with <c>RETRIEVAL_DOCUMENT</c>).</summary>
    public string? Title { get; set; }

    /// <summary>Gets or sets the output dimensionality (Gemini truncates the vector).</summary>
    public int? OutputDimensionality { get; set; }
}
