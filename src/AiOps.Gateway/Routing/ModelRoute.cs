// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>Where a requested model name goes: one target, or targets tried in order (fallback) until one answers.</summary>
/// <param name="Name">The name the caller asked for (an alias, <c>provider/model</c> or a bare model).</param>
/// <param name="Targets">The targets in the order to try them.</param>
/// <param name="IsAlias">Whether <paramref name="Name"/> is a configured alias.</param>
internal sealed record ModelRoute(string Name, IReadOnlyList<RouteTarget> Targets, bool IsAlias);
