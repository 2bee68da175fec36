// Licensed under the MIT License.

using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator;

/// <summary>One provider's wire format: how it writes errors, answers, streams and embeddings.</summary>
public interface IWireDialect
{
    /// <summary>Writes an error response (status, headers and the provider's error body).</summary>
    Task WriteErrorAsync(HttpContext context, SimError error);

    /// <summary>Writes a complete (non-streamed) chat answer.</summary>
    Task WriteChatAsync(HttpContext context, SimRequest request, SimReply reply);

    /// <summary>Writes a streamed chat answer following <paramref name="plan"/> (pacing, cut, malformed frame, mid-stream error).</summary>
    Task WriteChatStreamAsync(HttpContext context, SimRequest request, SimReply reply, StreamPlan plan);

    /// <summary>Writes an embeddings answer.</summary>
    Task WriteEmbeddingsAsync(HttpContext context, string model, IReadOnlyList<float[]> vectors, int promptTokens, bool base64);
}
