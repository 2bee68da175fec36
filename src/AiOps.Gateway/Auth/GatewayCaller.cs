// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading.RateLimiting;

namespace AiOps.Gateway;

/// <summary>The authenticated caller: the key's name, the models it may use and its rate limiter.</summary>
internal sealed class GatewayCaller
{
    public GatewayCaller(string name, IReadOnlyList<string> allowedModels, RateLimiter? limiter)
    {
        Name = name;
        AllowedModels = allowedModels;
        Limiter = limiter;
    }

    /// <summary>Gets the caller used when anonymous access is on.</summary>
    public static GatewayCaller Anonymous { get; } = new("anonymous", [], null);

    public string Name { get; }

    public IReadOnlyList<string> AllowedModels { get; }

    public RateLimiter? Limiter { get; }

    /// <summary>Gets whether this caller may use a model name as requested (an alias or <c>provider/model</c>).</summary>
    public bool MayUse(string name) => AllowedModels.Count == 0 || ModelPattern.MatchesAny(AllowedModels, name);

    /// <summary>Gets whether this caller may use a route: the requested name, or every target it resolves to, is allowed.</summary>
    public bool MayUse(ModelRoute route)
    {
        if (AllowedModels.Count == 0 || MayUse(route.Name))
        {
            return true;
        }

        foreach (RouteTarget target in route.Targets)
        {
            if (!MayUse(target.ToString()))
            {
                return false;
            }
        }

        return route.Targets.Count > 0;
    }

    public override string ToString() => $"GatewayCaller({Name})";
}
