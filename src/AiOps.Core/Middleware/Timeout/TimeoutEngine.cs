// Licensed under the MIT License.

using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;

namespace AiOps;

/// <summary>The Polly v8 timeout pipeline for whole calls and the error a timeout becomes.</summary>
internal sealed class TimeoutEngine
{
    /// <summary>Polly accepts timeouts from 10 ms to one day; longer ones mean "no timeout".</summary>
    private static readonly TimeSpan s_polly = TimeSpan.FromDays(1);

    private readonly ResiliencePipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="TimeoutEngine"/> class.</summary>
    public TimeoutEngine(AiTimeoutOptions options, string provider, TimeProvider timeProvider)
    {
        Options = options;
        Provider = provider;
        TimeProvider = timeProvider;
        TimeSpan timeout = options.Timeout < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : options.Timeout;
        _pipeline = timeout >= s_polly
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(timeout).Build();
    }

    /// <summary>Gets the options.</summary>
    public AiTimeoutOptions Options { get; }

    /// <summary>Gets the provider name.</summary>
    public string Provider { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Runs a call under the timeout; a timeout becomes <see cref="AiErrorKind.Timeout"/>.</summary>
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            Outcome<TResult> outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, s) =>
                {
                    try
                    {
                        return Outcome.FromResult(await s.Operation(s.State, ctx.CancellationToken));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<TResult>(ex);
                    }
                },
                context,
                (Operation: operation, State: state));
            if (outcome.Exception is TimeoutRejectedException timedOut)
            {
                throw TimedOut(timedOut);
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Builds the error for a call (or a stream's first update) that did not arrive in time.</summary>
    public AiException TimedOut(Exception? inner) =>
        new(AiErrorKind.Timeout, $"{Provider} did not answer within {AiDuration.Format(Options.Timeout)} ({Options.SettingName}). Raise {Options.SettingName} for long answers, or stream them.", inner)
        {
            Provider = Provider,
            IsRetryable = true,
        };

    /// <summary>Builds the error for a stream that went quiet.</summary>
    public AiException Idle() =>
        new(AiErrorKind.StreamInterrupted, $"The stream from {Provider} sent nothing for {AiDuration.Format(Options.StreamIdleTimeout)} ({Options.IdleSettingName}); the partial answer is incomplete. Send the request again, or raise {Options.IdleSettingName}.")
        {
            Provider = Provider,
            IsRetryable = true,
        };
}
