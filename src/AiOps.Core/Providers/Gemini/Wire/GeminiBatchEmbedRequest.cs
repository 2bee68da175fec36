// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>The body of <c>batchEmbedContents</c>: at most 100 requests.</summary>
internal sealed class GeminiBatchEmbedRequest
{
    /// <summary>Gets or sets the requests.</summary>
    public List<GeminiEmbedRequest> Requests { get; set; } = [];
}
