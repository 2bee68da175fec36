// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace AiOps.Middleware.Tests;

/// <summary>Captures every measurement of the <c>AiOps</c> meters (static and per-client) while it lives. Tests filter by a tag unique to them,
/// because xUnit runs test classes in parallel and the meter is process-wide.</summary>
public sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AiOpsTelemetry.SourceName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measurement> For(string instrument, string tag, object? value) =>
        _measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(tag, out object? v) && Equals(v?.ToString(), value?.ToString())).ToList();

    public IReadOnlyList<Measurement> All(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dict = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> t in tags)
        {
            dict[t.Key] = t.Value;
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, dict));
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
