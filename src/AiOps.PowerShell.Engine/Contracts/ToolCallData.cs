// Licensed under the MIT License.

namespace AiOps.PowerShell.Engine;

/// <summary>A tool call the model made, and what became of it.</summary>
public sealed class ToolCallData
{
    /// <summary>Gets or sets the provider's call id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the tool's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the arguments as JSON text.</summary>
    public string Arguments { get; set; } = "{}";

    /// <summary>Gets or sets what happened: <c>Pending</c> (not run: invocation None or the iteration limit), <c>Completed</c>,
    /// <c>Failed</c>, <c>Declined</c> (the user said no) or <c>Rejected</c> (the model named a tool that was not declared).</summary>
    public string Status { get; set; } = "Pending";

    /// <summary>Gets or sets the text sent back to the model as the tool's result.</summary>
    public string? Result { get; set; }
}
