// Licensed under the MIT License.

using System.Collections.Generic;
using System.Threading;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Running totals of cost and tokens, overall, per tag (<see cref="AiRequestProperties.Tag"/>) and per <c>provider/model</c>,
/// and an optional budget.</summary>
/// <remarks>
/// <para>Every client built by an <see cref="AiClientFactory"/> has its own tracker (<c>client.ChatClient.GetService&lt;AiCostTracker&gt;()</c>)
/// whose parent is the factory's (<see cref="AiClientFactory.Costs"/>); the budget (<c>AI_BUDGET_USD</c>) is the factory's.</para>
/// <para>A budget check reserves the call's estimate until the call ends, so concurrent calls cannot all pass on the same headroom;
/// the actual cost replaces the estimate when it is recorded. Calls whose model has no price count in <see cref="UnpricedCalls"/>.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class AiCostTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<string, decimal> _byTag = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _byModel = new(System.StringComparer.OrdinalIgnoreCase);
    private decimal _total;
    private decimal _reserved;
    private long _calls;
    private long _unpriced;
    private long _inputTokens;
    private long _outputTokens;

    /// <summary>Initializes a new instance of the <see cref="AiCostTracker"/> class.</summary>
    /// <param name="budget">The spending limit in US dollars; 0 for none.</param>
    /// <param name="parent">A tracker that also receives every record (and whose budget also applies).</param>
    public AiCostTracker(decimal budget = 0m, AiCostTracker? parent = null)
    {
        Budget = budget < 0 ? 0 : budget;
        Parent = parent;
    }

    /// <summary>Gets the spending limit in US dollars (0 for none).</summary>
    public decimal Budget { get; }

    /// <summary>Gets the tracker that also receives every record.</summary>
    public AiCostTracker? Parent { get; }

    /// <summary>Gets the total cost in US dollars of the priced calls.</summary>
    public decimal TotalCost
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Gets the number of calls recorded (cache hits included, at no cost).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Gets the number of calls whose cost is unknown (no price for the model, or no usage reported).</summary>
    public long UnpricedCalls => Interlocked.Read(ref _unpriced);

    /// <summary>Gets the input tokens reported.</summary>
    public long InputTokens => Interlocked.Read(ref _inputTokens);

    /// <summary>Gets the output tokens reported.</summary>
    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    /// <summary>Gets a snapshot of the cost per tag.</summary>
    public IReadOnlyDictionary<string, decimal> CostByTag
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, decimal>(_byTag, System.StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Gets a snapshot of the cost per <c>provider/model</c>.</summary>
    public IReadOnlyDictionary<string, decimal> CostByModel
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, decimal>(_byModel, System.StringComparer.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>Records one call.</summary>
    /// <param name="provider">The provider that answered.</param>
    /// <param name="model">The model that answered.</param>
    /// <param name="tag">The call's tag, if any.</param>
    /// <param name="usage">The reported usage, if any.</param>
    /// <param name="cost">The cost, or <see langword="null"/> when unknown.</param>
    public void Record(string provider, string? model, string? tag, UsageDetails? usage, decimal? cost)
    {
        _ = Interlocked.Increment(ref _calls);
        _ = Interlocked.Add(ref _inputTokens, usage?.InputTokenCount ?? 0);
        _ = Interlocked.Add(ref _outputTokens, usage?.OutputTokenCount ?? 0);
        if (cost is not decimal c)
        {
            _ = Interlocked.Increment(ref _unpriced);
        }
        else
        {
            lock (_gate)
            {
                _total += c;
                string key = model is null ? provider : provider + "/" + model;
                _byModel[key] = _byModel.GetValueOrDefault(key) + c;
                if (tag is not null)
                {
                    _byTag[tag] = _byTag.GetValueOrDefault(tag) + c;
                }
            }
        }

        Parent?.Record(provider, model, tag, usage, cost);
    }

    /// <summary>Forgets every total (the budget stays).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _total = 0;
            _byTag.Clear();
            _byModel.Clear();
        }

        _ = Interlocked.Exchange(ref _calls, 0);
        _ = Interlocked.Exchange(ref _unpriced, 0);
        _ = Interlocked.Exchange(ref _inputTokens, 0);
        _ = Interlocked.Exchange(ref _outputTokens, 0);
    }

    /// <summary>Gets a value indicating whether this tracker or a parent has a budget.</summary>
    internal bool HasBudget => Budget > 0 || Parent?.HasBudget == true;

    /// <summary>Reserves <paramref name="estimate"/> against this tracker's and its parents' budgets.</summary>
    /// <returns>The tracker whose budget refused, or <see langword="null"/> when the reservation was made (release it with <see cref="Release"/>).</returns>
    internal AiCostTracker? TryReserve(decimal estimate)
    {
        lock (_gate)
        {
            if (Budget > 0 && (_total >= Budget || _total + _reserved + estimate > Budget))
            {
                return this;
            }

            _reserved += estimate;
        }

        if (Parent?.TryReserve(estimate) is AiCostTracker refused)
        {
            lock (_gate)
            {
                _reserved -= estimate;
            }

            return refused;
        }

        return null;
    }

    /// <summary>Releases a reservation made by <see cref="TryReserve"/>.</summary>
    internal void Release(decimal estimate)
    {
        lock (_gate)
        {
            _reserved -= estimate;
        }

        Parent?.Release(estimate);
    }

    /// <summary>Gets the spent and reserved amounts (for messages).</summary>
    internal (decimal Spent, decimal Reserved) Snapshot()
    {
        lock (_gate)
        {
            return (_total, _reserved);
        }
    }
}
