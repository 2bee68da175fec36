// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Makes chat calls wait for an <see cref="AiRateLimiter"/>'s request, token and concurrency limits before they are sent.</summary>
/// <remarks>
/// <para>Callers wait in a bounded, cancellable queue; when it is full the call fails at once with <see cref="AiErrorKind.RateLimited"/>.
/// A stream holds its concurrency permit until it ends. With a tokens-per-minute limit the prompt is estimated before sending and the
/// reported usage corrects the bucket afterwards.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class RateLimitingChatClient : DelegatingChatClient
{
    private readonly bool _ownsLimiter;

    /// <summary>Initializes a new instance of the <see cref="RateLimitingChatClient"/> class with its own limiter.</summary>
    /// <param name="innerClient">The client to limit.</param>
    /// <param name="options">The limits.</param>
    /// <param name="timeProvider">The clock that refills the buckets.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public RateLimitingChatClient(IChatClient innerClient, AiRateLimitOptions options, TimeProvider? timeProvider = null)
        : this(innerClient, new AiRateLimiter(Throw.IfNull(options), ProviderNames.Of(Throw.IfNull(innerClient)), timeProvider), ownsLimiter: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitingChatClient"/> class sharing a limiter (not disposed with this client).</summary>
    /// <param name="innerClient">The client to limit.</param>
    /// <param name="limiter">The limiter, shared by every client of the same endpoint.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public RateLimitingChatClient(IChatClient innerClient, AiRateLimiter limiter)
        : this(innerClient, limiter, ownsLimiter: false)
    {
    }

    private RateLimitingChatClient(IChatClient innerClient, AiRateLimiter limiter, bool ownsLimiter)
        : base(innerClient)
    {
        Limiter = Throw.IfNull(limiter);
        _ownsLimiter = ownsLimiter;
    }

    /// <summary>Gets the limiter.</summary>
    public AiRateLimiter Limiter { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        int estimate = Estimate(messages, options);
        using RateLimitPermit permit = await Limiter.AcquireAsync(estimate, cancellationToken);
        ChatResponse response = await base.GetResponseAsync(messages, options, cancellationToken);
        if (estimate > 0 && Total(response.Usage) is long used)
        {
            Limiter.Correct(estimate, used);
        }

        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        int estimate = Estimate(messages, options);
        using RateLimitPermit permit = await Limiter.AcquireAsync(estimate, cancellationToken);
        UsageDetails? usage = null;
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (estimate > 0)
            {
                foreach (AIContent content in update.Contents)
                {
                    if (content is UsageContent u)
                    {
                        (usage ??= new()).Add(u.Details);
                    }
                }
            }

            yield return update;
        }

        if (estimate > 0 && Total(usage) is long used)
        {
            Limiter.Correct(estimate, used);
        }
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(AiRateLimiter) ? Limiter : base.GetService(serviceType, serviceKey);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsLimiter)
        {
            Limiter.Dispose();
        }

        base.Dispose(disposing);
    }

    private static long? Total(UsageDetails? usage) =>
        usage is null ? null : usage.TotalTokenCount ?? ((usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0));

    private int Estimate(IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        Limiter.CountsTokens ? TokenEstimator.EstimateChat(messages, options?.ModelId) + (options?.MaxOutputTokens ?? 0) : 0;
}
