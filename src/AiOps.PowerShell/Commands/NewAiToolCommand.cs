// Licensed under the MIT License.

using System;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary><c>New-AiTool</c>: declares a command, function or scriptblock as a tool the model may call, with a JSON schema built
/// from its parameters. Only declared tools (and only their declared parameters) ever run.</summary>
[Cmdlet(VerbsCommon.New, "AiTool", DefaultParameterSetName = CommandParameterSet)]
[OutputType(typeof(AiTool))]
public sealed class NewAiToolCommand : PSCmdlet
{
    private const string CommandParameterSet = "Command";
    private const string ScriptBlockParameterSet = "ScriptBlock";

    /// <summary>Gets or sets the command: a name or <c>Get-Command</c> output.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = CommandParameterSet)]
    [ValidateNotNull]
    public object? Command { get; set; }

    /// <summary>Gets or sets the scriptblock (its <c>param()</c> block becomes the schema).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ScriptBlockParameterSet)]
    [ValidateNotNull]
    public ScriptBlock? ScriptBlock { get; set; }

    /// <summary>Gets or sets the name the model calls the tool by (default: the command's name; required for scriptblocks).</summary>
    [Parameter(ParameterSetName = CommandParameterSet)]
    [Parameter(Mandatory = true, ParameterSetName = ScriptBlockParameterSet)]
    [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
    public string? Name { get; set; }

    /// <summary>Gets or sets what the tool does, for the model (default: the command's help synopsis).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    /// <summary>Gets or sets the parameters the model may pass (default: all but common parameters).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Parameter { get; set; }

    /// <summary>Gets or sets the parameter set to expose (default: the command's default set).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ParameterSet { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        object source = (object?)ScriptBlock ?? Command!;
        AiTool tool;
        try
        {
            tool = ToolFactory.Create(InvokeCommand, source, Name, Description, ParameterSet, Parameter);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorRecords.Invalid(ex.Message, "NewAiToolInvalidCommand", source));
            return;
        }

        WriteObject(tool);
    }
}
