// Licensed under the MIT License.

namespace AiOps.PowerShell;

/// <summary>A tool call the model made and what became of it.</summary>
public sealed class AiToolCall
{
    /// <summary>Gets or sets the provider's call id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the tool's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the arguments as JSON text.</summary>
    public string Arguments { get; set; } = "{}";

    /// <summary>Gets or sets what happened: <c>Pending</c> (not run), <c>Completed</c>, <c>Failed</c>, <c>Declined</c> or <c>Rejected</c>
    /// (the model named a tool that was not declared, so nothing ran).</summary>
    public string Status { get; set; } = "Pending";

    /// <summary>Gets or sets the result text sent back to the model.</summary>
    public string? Result { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}({Arguments}) [{Status}]";
}
