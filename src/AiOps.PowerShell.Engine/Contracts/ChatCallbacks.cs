// Licensed under the MIT License.

using System;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.PowerShell.Engine;

/// <summary>How the engine talks back to the cmdlet while a request runs. The engine calls these from any thread;
/// the cmdlet marshals them to the pipeline thread.</summary>
public sealed class ChatCallbacks
{
    /// <summary>Gets or sets the handler for streamed text deltas.</summary>
    public Action<string>? OnText { get; set; }

    /// <summary>Gets or sets the handler for diagnostics: level (<c>warning</c>, <c>verbose</c>, <c>debug</c>) and message. Messages never contain keys.</summary>
    public Action<string, string>? OnLog { get; set; }

    /// <summary>Gets or sets the tool runner: tool name, arguments JSON and cancellation in; the result text out, or
    /// <see langword="null"/> when the user declined to run it.</summary>
    public Func<string, string, CancellationToken, Task<string?>>? InvokeTool { get; set; }
}
