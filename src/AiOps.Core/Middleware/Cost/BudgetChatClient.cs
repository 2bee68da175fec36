// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Refuses chat calls with <see cref="AiErrorKind.BudgetExceeded"/>, before they are sent, when their estimated cost would take
/// an <see cref="AiCostTracker"/> past its budget.</summary>
/// <remarks>
/// <para>The estimate is the prompt's tokens (see the token estimate in docs/resilience.md) at the model's input price plus
/// <c>MaxOutputTokens</c> at its output price when the call sets one; without an output limit the output is not known in advance, so the
/// budget can be passed by at most the output of the calls in flight. A model without a price is estimated at 0 (it is refused only once
/// the budget is spent). The estimate is reserved while the call runs, so concurrent calls cannot all spend the same headroom.</para>
/// <para>In the default pipeline this layer sits below the response cache: a cached answer is free and is served even when the budget is spent.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class BudgetChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="BudgetChatClient"/> class.</summary>
    /// <param name="innerClient">The client to guard.</param>
    /// <param name="tracker">The totals whose budget (or whose parent's budget) applies.</param>
    /// <param name="prices">The prices; <see langword="null"/> uses <see cref="AiPriceTable.Default"/>.</param>
    /// <param name="logger">Where refusals are logged.</param>
    /// <param name="provider">The provider id used for prices and tags; <see langword="null"/> reads it from the client's metadata.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public BudgetChatClient(IChatClient innerClient, AiCostTracker tracker, AiPriceTable? prices = null, ILogger? logger = null, string? provider = null)
        : base(innerClient)
    {
        Tracker = Throw.IfNull(tracker);
        Prices = prices ?? AiPriceTable.Default;
        _provider = provider ?? ProviderNames.Of(innerClient);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the totals whose budget applies.</summary>
    public AiCostTracker Tracker { get; }

    /// <summary>Gets the prices.</summary>
    public AiPriceTable Prices { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        decimal estimate = Reserve(messages, options);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            Tracker.Release(estimate);
        }
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        decimal estimate = Reserve(messages, options);
        try
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            Tracker.Release(estimate);
        }
    }

    private decimal Reserve(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        decimal estimate = CostAccounting.EstimateChat(Prices, _provider, messages, options);
        if (Tracker.TryReserve(estimate) is AiCostTracker refused)
        {
            throw Refused(refused, estimate, options?.ModelId, _provider, _logger);
        }

        return estimate;
    }

    /// <summary>Builds (and logs, and counts) the refusal.</summary>
    internal static AiException Refused(AiCostTracker refused, decimal estimate, string? model, string provider, ILogger logger)
    {
        (decimal spent, decimal reserved) = refused.Snapshot();
        MiddlewareLog.BudgetRefused(logger, provider, model, spent, reserved, estimate, refused.Budget);
        AiOpsTelemetry.BudgetRejections.Add(1, AiOpsTelemetry.Tag("gen_ai.provider.name", provider));
        string Usd(decimal d) => d.ToString("0.00####", CultureInfo.InvariantCulture);
        return new AiException(
            AiErrorKind.BudgetExceeded,
            $"This {provider} call was not sent: the budget of {Usd(refused.Budget)} USD (AI_BUDGET_USD) would be exceeded ({Usd(spent)} USD spent, {Usd(reserved)} USD reserved by calls in flight, this call estimated at {Usd(estimate)} USD). Raise AI_BUDGET_USD or reset the totals.")
        {
            Provider = provider,
            Parameter = "AI_BUDGET_USD",
            IsRetryable = false,
        };
    }
}
