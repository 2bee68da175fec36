// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>A result and the target that produced it.</summary>
/// <param name="Value">The provider's answer.</param>
/// <param name="Target">The target that answered (its model filled in from the provider's default when the route named none).</param>
/// <param name="FallbackTried">The targets that failed before it, comma-separated, or <see langword="null"/>.</param>
internal sealed record Dispatched<T>(T Value, RouteTarget Target, string? FallbackTried);
