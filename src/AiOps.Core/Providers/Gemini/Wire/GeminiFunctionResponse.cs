// Licensed under the MIT License.

using System.Text.Json;

namespace AiOps;

/// <summary>Gemini <c>functionResponse</c>: the function's name and its result as a JSON object (protobuf <c>Struct</c>).</summary>
internal sealed class GeminiFunctionResponse
{
    /// <summary>Gets or sets the call id, sent only when the call had a provider id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the function name (required: Gemini correlates by name and order).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the result: always an object (<c>{"output": …}</c> or <c>{"error": …}</c> wraps anything else).</summary>
    public JsonElement Response { get; set; }
}
