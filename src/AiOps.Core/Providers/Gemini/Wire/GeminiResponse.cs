// Licensed under the MIT License.

namespace AiOps;

/// <summary>A <c>GenerateContentResponse</c> (wire-formats §4.4): the whole answer, or one streamed chunk (every chunk is a full response).</summary>
/// <remarks>Read by <see cref="GeminiResponseReader"/>; only the first candidate is kept (AiOps always asks for one).</remarks>
internal sealed class GeminiResponse
{
    /// <summary>Gets or sets the first candidate, or <see langword="null"/> when there is none (a blocked prompt, a usage-only chunk).</summary>
    public GeminiCandidate? Candidate { get; set; }

    /// <summary>Gets or sets why the prompt was blocked (<c>promptFeedback.blockReason</c>), if it was.</summary>
    public string? BlockReason { get; set; }

    /// <summary>Gets or sets <c>promptFeedback.blockReasonMessage</c>.</summary>
    public string? BlockReasonMessage { get; set; }

    /// <summary>Gets or sets the safety categories of the prompt feedback that were blocked or rated medium/high.</summary>
    public string[]? PromptCategories { get; set; }

    /// <summary>Gets or sets the usage (cumulative when streaming).</summary>
    public GeminiUsage? Usage { get; set; }

    /// <summary>Gets or sets the model version that answered.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>Gets or sets the response id.</summary>
    public string? ResponseId { get; set; }

    /// <summary>Gets or sets the raw JSON of an <c>error</c> object sent inside a stream, if one was.</summary>
    public string? ErrorJson { get; set; }
}
