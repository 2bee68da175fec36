// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace AiOps;

/// <summary>The Polly v8 retry pipeline shared by the chat and embedding retry clients: what is retried, how long to wait, and the
/// cap on a server's hint. Built once per client.</summary>
internal sealed class RetryEngine
{
    private readonly AiRetryOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Initializes a new instance of the <see cref="RetryEngine"/> class.</summary>
    public RetryEngine(AiRetryOptions options, string provider, string operation, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        Provider = provider;
        Operation = operation;
        _logger = logger;
        if (options.MaxRetries == 0)
        {
            _pipeline = ResiliencePipeline.Empty;
            return;
        }

        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is Exception ex && ShouldRetry(ex)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(DelayFor(args.AttemptNumber, args.Outcome.Exception)),
                OnRetry = args =>
                {
                    OnRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Gets the provider name used in messages and tags.</summary>
    public string Provider { get; }

    /// <summary>Gets <c>chat</c> or <c>embeddings</c>.</summary>
    public string Operation { get; }

    /// <summary>Gets the options.</summary>
    public AiRetryOptions Options => _options;

    /// <summary>Runs <paramref name="operation"/> with retries and returns its result with the number of attempts made.</summary>
    public async ValueTask<(TResult Result, int Attempts)> ExecuteAsync<TResult, TState>(
        Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state, CancellationToken cancellationToken)
    {
        var call = new Call<TResult, TState>(this, operation, state);
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            Outcome<TResult> outcome = await _pipeline.ExecuteOutcomeAsync(
                static (ctx, c) => c.RunAsync(ctx.CancellationToken),
                context,
                call);
            outcome.ThrowIfException();
            return (outcome.Result!, call.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Computes the backoff for a retry without a server hint: base × 2^retry × (1 − 0.25 × jitter), capped.</summary>
    internal static TimeSpan Backoff(int retry, TimeSpan backoff, TimeSpan cap, double jitter)
    {
        double factor = Math.Pow(2, Math.Min(retry, 30)) * (1 - (0.25 * Math.Clamp(jitter, 0, 1)));
        double ms = Math.Min(backoff.TotalMilliseconds * factor, cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }

    private bool ShouldRetry(Exception exception) =>
        ResilienceClassifier.IsRetryable(exception) && !(exception is AiException { RetryAfter: TimeSpan hint } && hint > _options.MaxDelay);

    private TimeSpan DelayFor(int retry, Exception? exception) =>
        exception is AiException { RetryAfter: TimeSpan hint }
            ? hint
            : Backoff(retry, _options.Backoff, _options.MaxDelay, _options.Jitter());

    private void OnRetry(int attempt, TimeSpan delay, Exception? exception)
    {
        string reason = exception is null ? "an unknown failure" : ResilienceClassifier.Describe(exception);
        string errorType = exception is null ? "unknown" : ResilienceClassifier.ErrorType(exception);
        MiddlewareLog.Retrying(_logger, Provider, Operation, attempt, _options.MaxRetries, delay.TotalMilliseconds, reason);
        AiOpsTelemetry.Retries.Add(1, AiOpsTelemetry.Tag("gen_ai.provider.name", Provider), AiOpsTelemetry.Tag("error.type", errorType));
        Activity.Current?.AddEvent(new ActivityEvent("aiops.retry", tags: new ActivityTagsCollection
        {
            ["aiops.retry.attempt"] = attempt,
            ["aiops.retry.delay_ms"] = delay.TotalMilliseconds,
            ["error.type"] = errorType,
        }));
    }

    /// <summary>Turns a retryable failure whose server hint is above the cap into <see cref="AiErrorKind.RateLimited"/> carrying the hint.</summary>
    private Exception Translate(Exception exception)
    {
        if (exception is AiException { RetryAfter: TimeSpan hint } ai && hint > _options.MaxDelay && ResilienceClassifier.IsRetryable(ai))
        {
            MiddlewareLog.HintAboveCap(_logger, Provider, hint.TotalMilliseconds, _options.MaxDelay.TotalMilliseconds, ai.ToSummary());
            string wait = hint.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            string cap = AiDuration.Format(_options.MaxDelay);
            return new AiException(
                AiErrorKind.RateLimited,
                $"{ai.Message} The provider asked to wait {wait} s, longer than AI_RETRY_MAX_DELAY ({cap}), so AiOps did not wait; retry after that time, raise AI_RETRY_MAX_DELAY, or configure a fallback (AI_FALLBACK).",
                ai)
            {
                Provider = ai.Provider,
                StatusCode = ai.StatusCode,
                ErrorCode = ai.ErrorCode,
                ProviderMessage = ai.ProviderMessage,
                Parameter = ai.Parameter,
                RequestId = ai.RequestId,
                RetryAfter = hint,
                IsRetryable = true,
            };
        }

        return exception;
    }

    /// <summary>One call: counts attempts and translates failures inside the pipeline so the predicate sees the translated error.</summary>
    private sealed class Call<TResult, TState>(RetryEngine engine, Func<TState, CancellationToken, ValueTask<TResult>> operation, TState state)
    {
        public int Attempts { get; private set; }

        public async ValueTask<Outcome<TResult>> RunAsync(CancellationToken cancellationToken)
        {
            Attempts++;
            try
            {
                return Outcome.FromResult(await operation(state, cancellationToken));
            }
            catch (Exception ex)
            {
                return Outcome.FromException<TResult>(engine.Translate(ex));
            }
        }
    }
}
