// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps;

/// <summary>A non-streamed chat-completions answer (wire-formats §1.6), as far as AiOps reads it. Every field is optional so
/// compatible servers and new OpenAI fields never break parsing.</summary>
internal sealed class OpenAIChatCompletion
{
    /// <summary>Gets or sets the completion id (<c>chatcmpl-…</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the creation time in Unix seconds (Azure sends 0 on some frames).</summary>
    public long? Created { get; set; }

    /// <summary>Gets or sets the choices (AiOps asks for one).</summary>
    public List<OpenAIChoice>? Choices { get; set; }

    /// <summary>Gets or sets the token usage.</summary>
    public OpenAIUsage? Usage { get; set; }

    /// <summary>Gets or sets the backend fingerprint.</summary>
    public string? SystemFingerprint { get; set; }

    /// <summary>Gets or sets the service tier that served the request.</summary>
    public string? ServiceTier { get; set; }

    /// <summary>Gets or sets Azure's prompt filter results.</summary>
    public JsonElement? PromptFilterResults { get; set; }

    /// <summary>Gets or sets an error some compatible servers return with HTTP 200.</summary>
    public JsonElement? Error { get; set; }
}
