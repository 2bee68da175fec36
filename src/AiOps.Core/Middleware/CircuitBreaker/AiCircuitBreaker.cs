// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>The circuit state of one provider endpoint, shared by every client that calls it.</summary>
/// <remarks>
/// <para>Opens after <see cref="Threshold"/> consecutive health failures (5xx, 529, timeouts, connection failures; never 400, 401, 403,
/// 404, quota or content filters, which prove the endpoint answered). While open, calls fail fast with
/// <see cref="AiErrorKind.CircuitOpen"/> carrying <see cref="AiException.RetryAfter"/>. After <see cref="BreakDuration"/> one probe call
/// goes through (half-open): success closes the circuit, failure opens it again. Rate limits (429) and cancellations count neither way.</para>
/// <para>This is a consecutive-failure breaker (DESIGN.md: <c>AI_CIRCUIT_BREAKER_THRESHOLD</c> consecutive failures) rather than Polly's
/// failure-ratio breaker, whose sampling window cannot express "N in a row". Time comes from the <see cref="TimeProvider"/>.</para>
/// <para><see cref="AiClientFactory"/> keeps one per provider and endpoint. This type is thread-safe.</para>
/// </remarks>
public sealed class AiCircuitBreaker
{
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly KeyValuePair<string, object?>[] _tags;
    private AiCircuitState _state;
    private int _failures;
    private DateTimeOffset _openUntil;
    private bool _probeInFlight;

    /// <summary>Initializes a new instance of the <see cref="AiCircuitBreaker"/> class.</summary>
    /// <param name="provider">The provider id (for messages and tags).</param>
    /// <param name="endpoint">The endpoint (host), or <see langword="null"/>.</param>
    /// <param name="threshold">Consecutive failures that open the circuit (<c>AI_CIRCUIT_BREAKER_THRESHOLD</c>).</param>
    /// <param name="breakDuration">How long it stays open before a probe (<c>AI_CIRCUIT_BREAKER_DURATION</c>).</param>
    /// <param name="timeProvider">The clock. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where state changes are logged.</param>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is below 1 or the duration is not positive.</exception>
    public AiCircuitBreaker(string provider, string? endpoint = null, int threshold = 5, TimeSpan? breakDuration = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        Provider = Throw.IfNullOrWhitespace(provider);
        Endpoint = endpoint;
        Threshold = threshold >= 1 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be 1 or more.");
        BreakDuration = breakDuration ?? TimeSpan.FromSeconds(30);
        if (BreakDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(breakDuration), BreakDuration, "The break duration must be positive.");
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _tags = [new("gen_ai.provider.name", provider), new("server.address", endpoint ?? string.Empty)];
    }

    /// <summary>Gets the provider id.</summary>
    public string Provider { get; }

    /// <summary>Gets the endpoint the circuit guards.</summary>
    public string? Endpoint { get; }

    /// <summary>Gets the number of consecutive failures that open the circuit.</summary>
    public int Threshold { get; }

    /// <summary>Gets how long the circuit stays open before a probe.</summary>
    public TimeSpan BreakDuration { get; }

    /// <summary>Gets the current state (an open circuit whose break has passed reports <see cref="AiCircuitState.HalfOpen"/>).</summary>
    public AiCircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state == AiCircuitState.Open && _timeProvider.GetUtcNow() >= _openUntil ? AiCircuitState.HalfOpen : _state;
            }
        }
    }

    /// <summary>Gets the current count of consecutive failures.</summary>
    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Gets the name used in messages: <c>provider @ endpoint</c>.</summary>
    public string Name => Endpoint is null ? Provider : $"{Provider} @ {Endpoint}";

    /// <summary>Closes the circuit and forgets the failures.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Transition(AiCircuitState.Closed, null);
            _failures = 0;
            _probeInFlight = false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {State}";

    /// <summary>Lets a call through, or throws <see cref="AiErrorKind.CircuitOpen"/>.</summary>
    /// <returns>Whether the call is the half-open probe.</returns>
    internal bool Enter()
    {
        TimeSpan retryAfter;
        lock (_gate)
        {
            switch (_state)
            {
                case AiCircuitState.Closed:
                    return false;
                case AiCircuitState.Open:
                    DateTimeOffset now = _timeProvider.GetUtcNow();
                    if (now >= _openUntil)
                    {
                        Transition(AiCircuitState.HalfOpen, null);
                        _probeInFlight = true;
                        return true;
                    }

                    retryAfter = _openUntil - now;
                    break;
                default:
                    if (!_probeInFlight)
                    {
                        _probeInFlight = true;
                        return true;
                    }

                    retryAfter = TimeSpan.Zero;
                    break;
            }
        }

        AiOpsTelemetry.CircuitRejections.Add(1, _tags);
        throw Rejected(retryAfter);
    }

    /// <summary>Records the outcome of a call that <see cref="Enter"/> let through.</summary>
    internal void Record(bool probe, HealthSignal signal, Exception? failure = null)
    {
        lock (_gate)
        {
            if (probe)
            {
                _probeInFlight = false;
                switch (signal)
                {
                    case HealthSignal.Success:
                        _failures = 0;
                        Transition(AiCircuitState.Closed, null);
                        break;
                    case HealthSignal.Failure:
                        _failures++;
                        Open(failure);
                        break;
                }

                return;
            }

            // Outcomes of calls that started before the circuit opened say nothing new.
            if (_state != AiCircuitState.Closed)
            {
                return;
            }

            if (signal == HealthSignal.Success)
            {
                _failures = 0;
            }
            else if (signal == HealthSignal.Failure && ++_failures >= Threshold)
            {
                Open(failure);
            }
        }
    }

    private void Open(Exception? failure)
    {
        _openUntil = _timeProvider.GetUtcNow() + BreakDuration;
        Transition(AiCircuitState.Open, failure);
    }

    private void Transition(AiCircuitState next, Exception? failure)
    {
        AiCircuitState previous = _state;
        _state = next;
        if (previous == next)
        {
            return;
        }

        string stateTag = next switch { AiCircuitState.Open => "open", AiCircuitState.HalfOpen => "half_open", _ => "closed" };
        AiOpsTelemetry.CircuitStateChanges.Add(1, _tags[0], _tags[1], AiOpsTelemetry.Tag("aiops.circuit.state", stateTag));
        switch (next)
        {
            case AiCircuitState.Open:
                if (previous == AiCircuitState.Closed)
                {
                    AiOpsTelemetry.CircuitsOpen.Add(1, _tags);
                }

                MiddlewareLog.CircuitOpened(_logger, Name, _failures, BreakDuration.TotalMilliseconds, failure is null ? "unknown" : ResilienceClassifier.Describe(failure));
                Activity.Current?.AddEvent(new ActivityEvent("aiops.circuit_breaker.opened"));
                break;
            case AiCircuitState.HalfOpen:
                MiddlewareLog.CircuitHalfOpen(_logger, Name);
                break;
            default:
                AiOpsTelemetry.CircuitsOpen.Add(-1, _tags);
                MiddlewareLog.CircuitClosed(_logger, Name);
                break;
        }
    }

    private AiException Rejected(TimeSpan retryAfter)
    {
        string when = retryAfter > TimeSpan.Zero
            ? $"for another {retryAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
            : "until the probe call in flight succeeds";
        return new AiException(
            AiErrorKind.CircuitOpen,
            $"The circuit breaker for {Name} is open after {Threshold} consecutive failures; calls fail fast {when}. Wait, configure a fallback (AI_FALLBACK), or turn the breaker off with AI_CIRCUIT_BREAKER=false.")
        {
            Provider = Provider,
            RetryAfter = retryAfter,
            IsRetryable = false,
        };
    }
}
