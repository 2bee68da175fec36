// Licensed under the MIT License.

namespace AiOps.PowerShell.Engine;

/// <summary>A tool the model may call: its name, description and JSON schema. Only declared tools ever run.</summary>
public sealed class ToolDeclaration
{
    /// <summary>Gets or sets the name the model calls it by.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what the tool does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON schema of the arguments (an object schema).</summary>
    public string ParametersSchema { get; set; } = "{\"type\":\"object\",\"properties\":{}}";
}
