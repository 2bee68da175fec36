// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>One place a request can go: a provider and a model (<see langword="null"/> for the provider's configured default).</summary>
internal readonly record struct RouteTarget(AiProviderId Provider, string? Model, int Weight = 1)
{
    /// <summary>Returns <c>provider/model</c>.</summary>
    public override string ToString() => Model is null ? Provider.Value : Provider.Value + "/" + Model;
}
