// Licensed under the MIT License.

using System.Text.Json;

namespace AiOps;

/// <summary>A Gemini function declaration; parameters travel as JSON Schema in <c>parametersJsonSchema</c> (wire-formats §4.3, §4.7).</summary>
internal sealed class GeminiFunctionDeclaration
{
    /// <summary>Gets or sets the name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the description.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the parameters schema (JSON Schema, sanitised by <see cref="GeminiSchemaConverter"/>); absent for functions without parameters.</summary>
    public JsonElement? ParametersJsonSchema { get; set; }
}
