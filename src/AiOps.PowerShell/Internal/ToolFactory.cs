// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>Makes <see cref="AiTool"/>s from commands, functions and scriptblocks (<c>New-AiTool</c>, and <c>-Tool</c> given a name).</summary>
internal static class ToolFactory
{
    // Reads descriptions: comment-based help for functions and scriptblocks, Get-Help for cmdlets. Runs in its own scope.
    private const string HelpScript = """
        param($Command)
        $result = @{ Synopsis = $null; Parameters = @{} }
        $help = $null
        if ($Command -is [System.Management.Automation.FunctionInfo] -or $Command -is [System.Management.Automation.ExternalScriptInfo]) {
            $ast = $Command.ScriptBlock.Ast
            if ($ast.Parent -is [System.Management.Automation.Language.FunctionDefinitionAst]) { $help = $ast.Parent.GetHelpContent() }
            if (-not $help) { $help = $ast.GetHelpContent() }
            if ($help) {
                $result.Synopsis = $help.Synopsis
                if (-not $result.Synopsis) { $result.Synopsis = $help.Description }
                foreach ($k in $help.Parameters.Keys) { $result.Parameters[$k] = $help.Parameters[$k] }
            }
        }
        elseif ($Command -is [System.Management.Automation.CmdletInfo]) {
            $h = Get-Help -Name $Command.Name -Full -ErrorAction Ignore
            if ($h -and $h -isnot [string]) {
                $result.Synopsis = $h.Synopsis
                foreach ($p in @($h.parameters.parameter)) {
                    if ($p -and $p.description) { $result.Parameters[$p.name] = ($p.description | ForEach-Object Text) -join ' ' }
                }
            }
        }
        $result
        """;

    private const string FunctionFromScriptBlock = """
        param($ScriptBlock)
        ${function:AiOpsTool} = $ScriptBlock
        Get-Command -Name AiOpsTool -CommandType Function
        """;

    /// <summary>Builds a tool.</summary>
    /// <param name="invoke">Where to run helper scripts.</param>
    /// <param name="source">A command name, <see cref="CommandInfo"/>, <see cref="ScriptBlock"/> or <see cref="AiTool"/>.</param>
    /// <param name="name">The tool's name (required for scriptblocks).</param>
    /// <param name="description">The description (default: the command's synopsis).</param>
    /// <param name="parameterSet">The parameter set to expose.</param>
    /// <param name="include">The parameters to expose (default: all but common parameters).</param>
    /// <exception cref="ArgumentException">The source cannot be a tool.</exception>
    public static AiTool Create(CommandInvocationIntrinsics invoke, object source, string? name, string? description, string? parameterSet, string[]? include)
    {
        object value = PSValue.Base(source) ?? throw new ArgumentException("A tool cannot be null.");
        if (value is AiTool tool)
        {
            return tool;
        }

        ScriptBlock? scriptBlock = null;
        CommandInfo command;
        switch (value)
        {
            case ScriptBlock sb:
                if (string.IsNullOrWhiteSpace(name))
                {
                    throw new ArgumentException("A scriptblock tool needs -Name (the name the model calls it by).");
                }

                scriptBlock = sb;
                command = invoke.InvokeScript(true, ScriptBlock.Create(FunctionFromScriptBlock), null, sb).Select(o => o.BaseObject).OfType<CommandInfo>().FirstOrDefault()
                    ?? throw new ArgumentException("The scriptblock's parameters could not be read.");
                break;
            case string commandName:
                command = invoke.GetCommand(commandName, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias | CommandTypes.ExternalScript)
                    ?? throw new ArgumentException($"No PowerShell command named '{commandName}' was found. Import its module first, or pass a scriptblock with -Name.");
                break;
            case CommandInfo info:
                command = info;
                break;
            default:
                throw new ArgumentException($"A tool is made from a command name, a command (Get-Command), a scriptblock or New-AiTool, not a {value.GetType().Name}.");
        }

        while (command is AliasInfo alias)
        {
            command = alias.ResolvedCommand ?? throw new ArgumentException($"Alias '{alias.Name}' does not resolve to a command.");
        }

        if (command is ApplicationInfo)
        {
            throw new ArgumentException($"'{command.Name}' is a native program; wrap it in a function or scriptblock with typed parameters to use it as a tool.");
        }

        IReadOnlyList<CommandParameterInfo> parameters = ToolSchemaBuilder.Parameters(command, parameterSet, include);
        (string? synopsis, Dictionary<string, string> help) = ReadHelp(invoke, command);
        string toolName = !string.IsNullOrWhiteSpace(name) ? name.Trim() : command.Name;
        return new AiTool
        {
            Name = toolName,
            Description = !string.IsNullOrWhiteSpace(description) ? description.Trim()
                : !string.IsNullOrWhiteSpace(synopsis) ? synopsis.Trim()
                : $"Runs the PowerShell command {command.Name}.",
            ParametersSchema = ToolSchemaBuilder.Build(parameters, help),
            Command = scriptBlock is null ? command : null,
            ScriptBlock = scriptBlock,
            Parameters = parameters.Select(p => p.Name).ToArray(),
        };
    }

    private static (string? Synopsis, Dictionary<string, string> Parameters) ReadHelp(CommandInvocationIntrinsics invoke, CommandInfo command)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? synopsis = null;
        foreach (PSObject o in invoke.InvokeScript(true, ScriptBlock.Create(HelpScript), null, command))
        {
            if (o?.BaseObject is Hashtable h)
            {
                synopsis = PSValue.Base(h["Synopsis"])?.ToString();
                if (PSValue.Base(h["Parameters"]) is IDictionary p)
                {
                    foreach (DictionaryEntry e in p)
                    {
                        if (e.Key?.ToString() is string key && PSValue.Base(e.Value)?.ToString() is string text)
                        {
                            parameters[key] = text.Trim();
                        }
                    }
                }
            }
        }

        // Get-Help returns a generated syntax line as the synopsis of commands without help.
        if (synopsis is not null && synopsis.TrimStart().StartsWith(command.Name, StringComparison.OrdinalIgnoreCase) && synopsis.Contains('['))
        {
            synopsis = null;
        }

        return (synopsis, parameters);
    }
}
