// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>A provider (and optionally a model, endpoint and key) a call can be routed to: a fallback target or a load-balanced deployment.</summary>
/// <remarks>Targets are tried by <see cref="Priority"/> (lowest first; the client's own provider has priority 0). Targets that share a
/// priority are load-balanced: each call picks among them at random in proportion to <see cref="Weight"/>, and tries the others next.</remarks>
public sealed class AiRouteTarget
{
    /// <summary>Initializes a new instance of the <see cref="AiRouteTarget"/> class.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model; <see langword="null"/> uses the provider's configured default model.</param>
    public AiRouteTarget(AiProviderId provider, string? model = null)
    {
        Provider = provider;
        Model = string.IsNullOrWhiteSpace(model) ? null : model.Trim();
    }

    /// <summary>Gets the provider.</summary>
    public AiProviderId Provider { get; }

    /// <summary>Gets the model (Azure OpenAI: the deployment), or <see langword="null"/> for the provider's default.</summary>
    public string? Model { get; }

    /// <summary>Gets the endpoint, when it differs from the provider's configured one (for example a second Azure region).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Gets the key (a secret reference), when it differs from the provider's configured one. Never shown by <see cref="ToString"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the load-balancing weight among targets of the same priority.</summary>
    /// <value>The default value is 1.</value>
    public int Weight { get; init; } = 1;

    /// <summary>Gets the priority: lower is tried first; equal priorities are load-balanced.</summary>
    /// <value>The default value is 1 (after the client's own provider, which has 0).</value>
    public int Priority { get; init; } = 1;

    /// <summary>Parses <c>provider/model</c> (or just <c>provider</c>); the model may itself contain slashes.</summary>
    /// <param name="text">The text.</param>
    /// <param name="setting">The setting's name, for the error message.</param>
    /// <returns>The target.</returns>
    /// <exception cref="AiException">The provider is not known (kind <see cref="AiErrorKind.InvalidConfiguration"/>).</exception>
    public static AiRouteTarget Parse(string text, string setting)
    {
        _ = Throw.IfNull(text);
        string value = text.Trim();
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        string provider = slash < 0 ? value : value[..slash];
        string? model = slash < 0 ? null : value[(slash + 1)..];
        if (provider.Length == 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"{setting} has '{value}'; write each target as provider/model, for example anthropic/claude-sonnet-4-5.") { Parameter = setting };
        }

        return new AiRouteTarget(AiOpsConfiguration.ParseProvider(provider, setting), model);
    }

    /// <summary>Gets <c>provider/model</c> (or <c>provider</c>), as <see cref="AiResponseProperties.FallbackTried"/> lists it.</summary>
    internal string Label => Model is null ? Provider.Value : Provider.Value + "/" + Model;

    /// <inheritdoc/>
    public override string ToString() =>
        (Model is null ? Provider.Value : Provider.Value + "/" + Model) + (BaseUrl is null ? string.Empty : " @ " + BaseUrl.GetLeftPart(UriPartial.Authority));
}
