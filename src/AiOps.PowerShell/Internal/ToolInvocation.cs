// Licensed under the MIT License.

namespace AiOps.PowerShell;

/// <summary>Whether and how tool calls run.</summary>
public enum ToolInvocation
{
    /// <summary>Nothing runs: the answer comes back with the model's tool calls pending in <c>ToolCalls</c>.</summary>
    None,

    /// <summary>Each call is shown and runs only if you agree (<c>ShouldContinue</c>). The default: nothing runs without consent.</summary>
    Confirm,

    /// <summary>Declared tools run without asking. For scripts, with tools that are safe to run unattended.</summary>
    Auto,
}
