// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Routes chat calls over an ordered list of targets: the primary client, then fallbacks, with weighted load balancing among
/// targets of equal priority.</summary>
/// <remarks>
/// <para>A call moves to the next target after a failure that another target may not have: retryable errors (once the target's own
/// retries are spent), <see cref="AiErrorKind.CircuitOpen"/>, <see cref="AiErrorKind.Timeout"/>, <see cref="AiErrorKind.RateLimited"/>,
/// <see cref="AiErrorKind.Overloaded"/>, <see cref="AiErrorKind.ServerError"/> and <see cref="AiErrorKind.QuotaExceeded"/> (another
/// account); optionally <see cref="AiErrorKind.ContentFiltered"/> and <see cref="AiErrorKind.ContextLengthExceeded"/>. Never on
/// cancellation, a refused budget, or a request the provider rejected as invalid.</para>
/// <para>A stream moves only before its first update. The answer says which provider answered (<see cref="AiResponseProperties.Provider"/>)
/// and what was tried before (<see cref="AiResponseProperties.FallbackTried"/>, <c>provider/model</c> strings), on the response or the
/// first update. When every target fails, the last error is thrown with the tried list in <c>Exception.Data</c>.</para>
/// <para>A fallback target without a model uses the model it names; the primary keeps the call's model. This type is thread-safe.</para>
/// </remarks>
public sealed class FallbackChatClient : DelegatingChatClient
{
    private readonly Candidate[] _candidates;
    private readonly int[]? _fixedOrder;
    private readonly AiFallbackOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FallbackChatClient"/> class.</summary>
    /// <param name="primaryClient">The client's own pipeline (priority 0).</param>
    /// <param name="targets">The other targets.</param>
    /// <param name="options">When to fall back; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Where fallbacks are logged (Warning).</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public FallbackChatClient(IChatClient primaryClient, IEnumerable<AiFallbackTarget> targets, AiFallbackOptions? options = null, ILogger? logger = null)
        : base(primaryClient)
    {
        _ = Throw.IfNull(targets);
        _options = options ?? new AiFallbackOptions();
        _logger = logger ?? NullLogger.Instance;
        AiProviderId primary = _options.PrimaryProvider ?? new AiProviderId(ProviderNames.Of(primaryClient));
        var all = new List<Candidate>
        {
            new(new AiRouteTarget(primary) { Priority = 0, Weight = _options.PrimaryWeight }, null),
        };
        all.AddRange(targets.Select(t => new Candidate(t.Route, t)));
        _candidates = [.. all.OrderBy(c => c.Route.Priority)]; // stable: equal priorities keep their order
        Targets = [.. targets];
        bool ties = _candidates.GroupBy(c => c.Route.Priority).Any(g => g.Count() > 1);
        _fixedOrder = ties ? null : [.. Enumerable.Range(0, _candidates.Length)];
    }

    /// <summary>Gets the fallback targets (without the primary).</summary>
    public IReadOnlyList<AiFallbackTarget> Targets { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        int[] order = Order();
        List<string>? tried = null;
        for (int i = 0; ; i++)
        {
            Candidate candidate = _candidates[order[i]];
            ChatOptions? callOptions = OptionsFor(candidate, options);
            try
            {
                ChatResponse response = await ClientFor(candidate).GetResponseAsync(list, callOptions, cancellationToken);
                Annotate(response.AdditionalProperties ??= [], candidate, tried);
                return response;
            }
            catch (Exception ex) when (Next(ex, candidate, callOptions, order, i, ref tried) is not null)
            {
                // Next() logged it and chose the next target.
            }
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        int[] order = Order();
        List<string>? tried = null;
        PrimedStream? stream = null;
        Candidate? answered = null;
        for (int i = 0; stream is null; i++)
        {
            Candidate candidate = _candidates[order[i]];
            ChatOptions? callOptions = OptionsFor(candidate, options);
            try
            {
                stream = await PrimedStream.OpenAsync(ClientFor(candidate).GetStreamingResponseAsync(list, callOptions, cancellationToken), cancellationToken);
                answered = candidate;
            }
            catch (Exception ex) when (Next(ex, candidate, callOptions, order, i, ref tried) is not null)
            {
                // Next() logged it and chose the next target.
            }
        }

        await using (stream)
        {
            if (stream.First is not ChatResponseUpdate first)
            {
                yield break;
            }

            Annotate(first.AdditionalProperties ??= [], answered!, tried);
            yield return first;
            while (await stream.Enumerator.MoveNextAsync())
            {
                yield return stream.Enumerator.Current;
            }
        }
    }

    private static void Annotate(AdditionalPropertiesDictionary properties, Candidate candidate, List<string>? tried)
    {
        properties[AiResponseProperties.Provider] = candidate.Route.Provider.Value;
        if (tried is not null)
        {
            properties[AiResponseProperties.FallbackTried] = tried.ToArray();
        }
    }

    private IChatClient ClientFor(Candidate candidate) => candidate.Target?.Client ?? InnerClient;

    private static ChatOptions? OptionsFor(Candidate candidate, ChatOptions? options)
    {
        if (candidate.Target is null || candidate.Route.Model is null)
        {
            return options;
        }

        ChatOptions copy = options?.Clone() ?? new ChatOptions();
        copy.ModelId = candidate.Route.Model;
        return copy;
    }

    /// <summary>Decides whether to move on; returns the next candidate, or <see langword="null"/> to let the error propagate.</summary>
    private Candidate? Next(Exception error, Candidate failed, ChatOptions? callOptions, int[] order, int index, ref List<string>? tried)
    {
        string label = failed.Target is null && callOptions?.ModelId is string model ? failed.Route.Provider.Value + "/" + model : failed.Route.Label;
        (tried ??= []).Add(label);
        if (index + 1 >= order.Length || !ResilienceClassifier.ShouldFailOver(error, _options.OnContentFiltered, _options.OnContextLengthExceeded))
        {
            error.Data[AiResponseProperties.FallbackTried] = tried.ToArray();
            return null;
        }

        Candidate next = _candidates[order[index + 1]];
        string errorType = ResilienceClassifier.ErrorType(error);
        MiddlewareLog.FallingBack(_logger, label, next.Route.Label, ResilienceClassifier.Describe(error));
        AiOpsTelemetry.Fallbacks.Add(1, AiOpsTelemetry.Tag("aiops.fallback.from", label), AiOpsTelemetry.Tag("aiops.fallback.to", next.Route.Label), AiOpsTelemetry.Tag("error.type", errorType));
        System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent("aiops.fallback", tags: new System.Diagnostics.ActivityTagsCollection
        {
            ["aiops.fallback.from"] = label,
            ["aiops.fallback.to"] = next.Route.Label,
            ["error.type"] = errorType,
        }));
        return next;
    }

    /// <summary>Gets this call's order: priorities ascending, equal priorities in a weighted random order.</summary>
    private int[] Order()
    {
        if (_fixedOrder is not null)
        {
            return _fixedOrder;
        }

        int[] order = new int[_candidates.Length];
        int n = 0;
        int start = 0;
        while (start < _candidates.Length)
        {
            int end = start;
            while (end < _candidates.Length && _candidates[end].Route.Priority == _candidates[start].Route.Priority)
            {
                end++;
            }

            var group = new List<int>(end - start);
            for (int i = start; i < end; i++)
            {
                group.Add(i);
            }

            while (group.Count > 0)
            {
                int total = group.Sum(i => _candidates[i].Route.Weight);
                double pick = _options.Random() * total;
                int chosen = group.Count - 1;
                for (int g = 0; g < group.Count; g++)
                {
                    pick -= _candidates[group[g]].Route.Weight;
                    if (pick < 0)
                    {
                        chosen = g;
                        break;
                    }
                }

                order[n++] = group[chosen];
                group.RemoveAt(chosen);
            }

            start = end;
        }

        return order;
    }

    private sealed record Candidate(AiRouteTarget Route, AiFallbackTarget? Target);
}
