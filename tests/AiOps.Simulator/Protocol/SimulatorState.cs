// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator;

/// <summary>What the simulator remembers: every request it received and the per-key attempt counters of the <c>flaky</c> scenario.</summary>
public sealed class SimulatorState
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Open)> _gates = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Gets the requests received since the last reset, in arrival order (control routes excluded).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.OrderBy(r => r.Sequence).ToList();

    /// <summary>Forgets every request and counter.</summary>
    public void Reset()
    {
        _requests.Clear();
        _attempts.Clear();
        _gates.Clear();
    }

    /// <summary>Waits at a named gate (<c>x-sim-gate</c>): a stream stops before its last chunk until the gate is opened.</summary>
    public Task WaitAtGateAsync(string name, CancellationToken cancellationToken)
    {
        (TaskCompletionSource reached, TaskCompletionSource open) = Gate(name);
        reached.TrySetResult();
        return open.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Gets a task that completes when a stream has arrived at the gate (it has sent every chunk but the last).</summary>
    public Task GateReached(string name) => Gate(name).Reached.Task;

    /// <summary>Opens a gate: streams waiting at it send their last chunk. <c>POST /__gates/{name}</c> does the same.</summary>
    public void OpenGate(string name) => Gate(name).Open.TrySetResult();

    private (TaskCompletionSource Reached, TaskCompletionSource Open) Gate(string name) =>
        _gates.GetOrAdd(name, _ => (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));

    /// <summary>Counts an attempt for a key and returns the new count (1 for the first).</summary>
    public int NextAttempt(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Records the request (buffering its body so handlers can read it again).</summary>
    public async Task RecordAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/__requests") || context.Request.Path.StartsWithSegments("/__reset") ||
            context.Request.Path.StartsWithSegments("/__health") || context.Request.Path.StartsWithSegments("/__gates"))
        {
            return;
        }

        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Request.Body.Position = 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> h in context.Request.Headers)
        {
            headers[h.Key] = h.Value.ToString();
        }

        _requests.Enqueue(new RecordedRequest(
            Interlocked.Increment(ref _sequence),
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            headers,
            body,
            DateTimeOffset.UtcNow));
    }
}
