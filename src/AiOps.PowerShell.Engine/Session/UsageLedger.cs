// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace AiOps.PowerShell.Engine;

/// <summary>Tokens and cost spent in this session, per provider and model (<c>Get-AiUsage</c>).</summary>
/// <remarks>This type is thread-safe.</remarks>
public static class UsageLedger
{
    private static readonly object Gate = new();
    private static readonly Dictionary<(string Provider, string Model), UsageRow> Rows = [];

    /// <summary>Gets a copy of every row, ordered by provider and model.</summary>
    /// <returns>The rows.</returns>
    public static UsageRow[] Snapshot()
    {
        lock (Gate)
        {
            return Rows.Values
                .OrderBy(r => r.Provider, StringComparer.Ordinal)
                .ThenBy(r => r.Model, StringComparer.Ordinal)
                .Select(r => new UsageRow
                {
                    Provider = r.Provider,
                    Model = r.Model,
                    Requests = r.Requests,
                    InputTokens = r.InputTokens,
                    OutputTokens = r.OutputTokens,
                    CachedInputTokens = r.CachedInputTokens,
                    ReasoningTokens = r.ReasoningTokens,
                    Embeddings = r.Embeddings,
                    Cost = r.Cost,
                    UnpricedRequests = r.UnpricedRequests,
                })
                .ToArray();
        }
    }

    /// <summary>Forgets everything recorded.</summary>
    public static void Reset()
    {
        lock (Gate)
        {
            Rows.Clear();
        }
    }

    internal static void Record(string provider, string model, int requests, long? input, long? output, long? cached, long? reasoning, decimal? cost, long embeddings)
    {
        lock (Gate)
        {
            if (!Rows.TryGetValue((provider, model), out UsageRow? row))
            {
                row = new UsageRow { Provider = provider, Model = model };
                Rows[(provider, model)] = row;
            }

            row.Requests += requests;
            row.InputTokens += input ?? 0;
            row.OutputTokens += output ?? 0;
            row.CachedInputTokens += cached ?? 0;
            row.ReasoningTokens += reasoning ?? 0;
            row.Embeddings += embeddings;
            if (cost is decimal c)
            {
                row.Cost += c;
            }
            else
            {
                row.UnpricedRequests += requests;
            }
        }
    }
}
