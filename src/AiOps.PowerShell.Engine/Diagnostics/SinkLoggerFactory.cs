// Licensed under the MIT License.

using System;
using Microsoft.Extensions.Logging;

namespace AiOps.PowerShell.Engine;

/// <summary>An <see cref="ILoggerFactory"/> whose loggers write to <see cref="LogSink"/>: warnings become <c>Write-Warning</c>
/// (one per retry, as the resilience middleware logs them), information becomes verbose output, debug and trace debug output.</summary>
internal sealed class SinkLoggerFactory : ILoggerFactory
{
    /// <summary>Gets the shared instance.</summary>
    public static SinkLoggerFactory Instance { get; } = new();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new SinkLogger(categoryName);

    /// <inheritdoc/>
    public void AddProvider(ILoggerProvider provider)
    {
        // Providers are not supported: everything goes to the running command's streams.
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private sealed class SinkLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && LogSink.IsActive;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string level = logLevel switch
            {
                >= LogLevel.Warning => "warning",
                LogLevel.Information => "verbose",
                _ => "debug",
            };
            string text = formatter(state, exception);
            LogSink.Write(level, level == "warning" ? text : $"[{ShortCategory(category)}] {text}");
        }

        private static string ShortCategory(string name)
        {
            int dot = name.LastIndexOf('.');
            return dot >= 0 ? name[(dot + 1)..] : name;
        }
    }
}
