// Licensed under the MIT License.

namespace AiOps;

/// <summary>The state of an <see cref="AiCircuitBreaker"/>.</summary>
public enum AiCircuitState
{
    /// <summary>Calls go through; consecutive health failures are counted.</summary>
    Closed,

    /// <summary>Calls fail fast with <see cref="AiErrorKind.CircuitOpen"/> until the break duration has passed.</summary>
    Open,

    /// <summary>The break duration has passed: one probe call goes through; its outcome closes or re-opens the circuit.</summary>
    HalfOpen,
}
