// Licensed under the MIT License.

using System;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Simulator;

/// <summary>How a stream is delivered: pacing and the fault, if any, injected after a number of chunks.</summary>
/// <param name="ChunkCount">Split the text into this many chunks (<c>x-sim-chunks</c>).</param>
/// <param name="ChunkDelay">The pause between chunks (<c>x-sim-chunk-delay-ms</c>).</param>
/// <param name="CutAfter">Cut the connection after this many chunks (<c>cut-N</c>).</param>
/// <param name="MalformedAt">Send a malformed frame at this chunk (<c>malformed-N</c>).</param>
/// <param name="ErrorAfter">Send the provider's in-stream error after this many chunks (<c>midstream-N</c>).</param>
/// <param name="BeforeLast">Awaited before the stream's last chunk (the gate of <c>x-sim-gate</c>), or <see langword="null"/>.</param>
public sealed record StreamPlan(int? ChunkCount, TimeSpan ChunkDelay, int? CutAfter, int? MalformedAt, int? ErrorAfter, Func<CancellationToken, Task>? BeforeLast = null)
{
    /// <summary>Waits at the gate, if the request named one; dialects call this just before writing the last chunk.</summary>
    public Task WaitBeforeLastAsync(CancellationToken cancellationToken) => BeforeLast?.Invoke(cancellationToken) ?? Task.CompletedTask;
}
