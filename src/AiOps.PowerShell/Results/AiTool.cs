// Licensed under the MIT License.

using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>A tool the model may call, made by <c>New-AiTool</c> from a command, function or scriptblock. Only declared tools ever run.</summary>
public sealed class AiTool
{
    /// <summary>Gets or sets the name the model calls it by.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets what the tool does (the model reads this to decide when to call it).</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the JSON schema of its parameters.</summary>
    public string ParametersSchema { get; set; } = "{\"type\":\"object\",\"properties\":{}}";

    /// <summary>Gets or sets the command that runs (a cmdlet, function or script).</summary>
    public CommandInfo? Command { get; set; }

    /// <summary>Gets or sets the scriptblock that runs, for scriptblock tools.</summary>
    public ScriptBlock? ScriptBlock { get; set; }

    /// <summary>Gets or sets the parameter names the model may pass (everything else is refused).</summary>
    public string[] Parameters { get; set; } = [];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
