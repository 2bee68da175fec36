// Licensed under the MIT License.

using System.Text.Json;

namespace AiOps;

/// <summary>Gemini <c>functionCall</c>: name and arguments as a JSON object; <c>id</c> is usually absent on the Developer API.</summary>
internal sealed class GeminiFunctionCall
{
    /// <summary>Gets or sets the call id, when the API sent one.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the function name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the arguments (a JSON object).</summary>
    public JsonElement? Args { get; set; }
}
