// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace AiOps;

/// <summary>The default response store: an <see cref="IDistributedCache"/> in memory, bounded in entries (oldest out first), with
/// expiry from a <see cref="TimeProvider"/>.</summary>
/// <remarks>This type is thread-safe.</remarks>
internal sealed class InMemoryResponseCache : IDistributedCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _maxEntries;

    /// <summary>Initializes a new instance of the <see cref="InMemoryResponseCache"/> class.</summary>
    public InMemoryResponseCache(TimeProvider timeProvider, int maxEntries)
    {
        _timeProvider = timeProvider;
        _maxEntries = Math.Max(1, maxEntries);
    }

    /// <summary>Gets the number of entries (expired ones included until they are read or evicted).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc/>
    public byte[]? Get(string key)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                return null;
            }

            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (node.Value.ExpiresAt <= now)
            {
                RemoveNode(node);
                return null;
            }

            if (node.Value.Sliding is TimeSpan sliding)
            {
                node.Value = node.Value with { ExpiresAt = Min(now + sliding, node.Value.AbsoluteLimit) };
            }

            return node.Value.Value;
        }
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    /// <inheritdoc/>
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        DateTimeOffset absolute = options.AbsoluteExpiration
            ?? (options.AbsoluteExpirationRelativeToNow is TimeSpan relative ? now + relative : DateTimeOffset.MaxValue);
        DateTimeOffset expires = options.SlidingExpiration is TimeSpan sliding ? Min(now + sliding, absolute) : absolute;
        var entry = new Entry(key, value, expires, absolute, options.SlidingExpiration);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? existing))
            {
                RemoveNode(existing);
            }

            while (_entries.Count >= _maxEntries && _order.First is LinkedListNode<Entry> oldest)
            {
                RemoveNode(oldest);
            }

            _entries[key] = _order.AddLast(entry);
        }
    }

    /// <inheritdoc/>
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Refresh(string key) => _ = Get(key);

    /// <inheritdoc/>
    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        Refresh(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Remove(string key)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                RemoveNode(node);
            }
        }
    }

    /// <inheritdoc/>
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _ = _entries.Remove(node.Value.Key);
        _order.Remove(node);
    }

    private sealed record Entry(string Key, byte[] Value, DateTimeOffset ExpiresAt, DateTimeOffset AbsoluteLimit, TimeSpan? Sliding);
}
