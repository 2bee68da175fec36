// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AiOps.Middleware.Tests;

/// <summary>An <see cref="ILoggerFactory"/> whose loggers are <see cref="FakeLogger"/>s writing to one collector, at every level.</summary>
public sealed class CollectingLoggerFactory : ILoggerFactory
{
    public FakeLogCollector Collector { get; } = new();

    public IReadOnlyList<FakeLogRecord> Records => Collector.GetSnapshot();

    /// <summary>Everything a log sink would store: messages, structured values and exception texts.</summary>
    public string AllText => string.Join("\n", Records.Select(r =>
        r.Message + " " + string.Join(" ", r.StructuredState?.Select(s => s.Key + "=" + s.Value) ?? []) + " " + r.Exception?.ToString()));

    public ILogger CreateLogger(string categoryName) => new FakeLogger(Collector, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
