// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps;

/// <summary>The body of <c>generateContent</c> and <c>streamGenerateContent</c> (wire-formats §4.2). Property order is the order on the wire.</summary>
internal sealed class GeminiRequest
{
    /// <summary>Gets or sets the conversation: <c>user</c> and <c>model</c> turns.</summary>
    public List<GeminiContent> Contents { get; set; } = [];

    /// <summary>Gets or sets the system instruction (system messages and <c>ChatOptions.Instructions</c>).</summary>
    public GeminiContent? SystemInstruction { get; set; }

    /// <summary>Gets or sets the tools (one entry holding every function declaration).</summary>
    public List<GeminiTool>? Tools { get; set; }

    /// <summary>Gets or sets the function-calling mode.</summary>
    public GeminiToolConfig? ToolConfig { get; set; }

    /// <summary>Gets or sets the safety settings, passed through from <c>AdditionalProperties["safety_settings"]</c>.</summary>
    public JsonElement? SafetySettings { get; set; }

    /// <summary>Gets or sets the cached content name (<c>cachedContents/…</c>).</summary>
    public string? CachedContent { get; set; }

    /// <summary>Gets or sets the generation parameters.</summary>
    public GeminiGenerationConfig GenerationConfig { get; set; } = new();
}
