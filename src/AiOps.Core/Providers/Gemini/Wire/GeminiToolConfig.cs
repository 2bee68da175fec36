// Licensed under the MIT License.

namespace AiOps;

/// <summary>Gemini <c>toolConfig</c>.</summary>
internal sealed class GeminiToolConfig
{
    /// <summary>Gets or sets the function-calling configuration.</summary>
    public GeminiFunctionCallingConfig FunctionCallingConfig { get; set; } = new();
}
