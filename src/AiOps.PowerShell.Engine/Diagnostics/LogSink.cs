// Licensed under the MIT License.

using System;
using System.Threading;

namespace AiOps.PowerShell.Engine;

/// <summary>Routes log messages of the shared clients to the command that is running (the sink flows with the async call).</summary>
internal static class LogSink
{
    private static readonly AsyncLocal<Sink?> Current = new();

    /// <summary>Sets the sink for the rest of the current async flow.</summary>
    /// <param name="write">Receives level and message.</param>
    /// <param name="secret">A key to remove from every message (defence in depth: Core already redacts).</param>
    public static void Set(Action<string, string>? write, string? secret) =>
        Current.Value = write is null ? null : new Sink(write, secret);

    /// <summary>Sets the sink until the returned scope is disposed (for synchronous callers, whose changes would otherwise outlive the call).</summary>
    public static IDisposable Scope(Action<string, string>? write, string? secret)
    {
        Sink? previous = Current.Value;
        Set(write, secret);
        return new Restore(previous);
    }

    /// <summary>Writes a message to the current sink, if any, with keys removed.</summary>
    public static void Write(string level, string message)
    {
        if (Current.Value is Sink sink)
        {
            sink.Write(level, SecretRedactor.Redact(message, sink.Secret) ?? string.Empty);
        }
    }

    /// <summary>Gets whether a sink is listening.</summary>
    public static bool IsActive => Current.Value is not null;

    private sealed class Restore(Sink? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    private sealed record Sink(Action<string, string> Write, string? Secret);
}
