// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>One candidate of a <see cref="GeminiResponse"/>.</summary>
internal sealed class GeminiCandidate
{
    /// <summary>Gets the parts of <c>content</c> (empty when the candidate has none, e.g. thinking used the whole budget).</summary>
    public List<GeminiPart> Parts { get; } = [];

    /// <summary>Gets or sets the finish reason (<c>STOP</c>, <c>MAX_TOKENS</c>, <c>SAFETY</c>, …), present on the last chunk only.</summary>
    public string? FinishReason { get; set; }

    /// <summary>Gets or sets <c>finishMessage</c>.</summary>
    public string? FinishMessage { get; set; }

    /// <summary>Gets or sets the safety categories that were blocked or rated medium/high.</summary>
    public string[]? Categories { get; set; }
}
