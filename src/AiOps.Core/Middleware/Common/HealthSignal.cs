// Licensed under the MIT License.

namespace AiOps;

/// <summary>What one attempt says about a provider endpoint's health.</summary>
internal enum HealthSignal
{
    /// <summary>The endpoint answered (even with a client error such as 400 or 404).</summary>
    Success,

    /// <summary>The endpoint failed: 5xx, 529, a timeout or a connection failure.</summary>
    Failure,

    /// <summary>Says nothing about health: cancellation, a rate limit, a refusal before sending.</summary>
    Neutral,
}
