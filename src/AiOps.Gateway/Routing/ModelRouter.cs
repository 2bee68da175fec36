// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AiOps.Gateway;

/// <summary>Turns the <c>model</c> a caller sends into provider targets.</summary>
/// <remarks>
/// <para>Order of resolution: a configured alias (<c>AiOps:Models:&lt;alias&gt;</c>); <c>provider/model</c> when the part before the
/// first <c>/</c> names a registered provider; otherwise a bare model for <c>AI_PROVIDER</c>.</para>
/// <para>An alias value is one target or a comma-separated list tried in order (fallback). Give targets weights with <c>=N</c>
/// (<c>azure-openai/gpt-4o-eu=3, azure-openai/gpt-4o-us=1</c>) to spread load: the first target is drawn by weight, the others follow
/// by descending weight as fallbacks.</para>
/// </remarks>
internal sealed class ModelRouter
{
    private readonly AiOpsOptions _options;
    private readonly AiProviderRegistry _registry;
    private readonly Func<double> _random;
    private readonly Dictionary<string, ModelRoute> _aliases = new(StringComparer.OrdinalIgnoreCase);

    public ModelRouter(AiOpsOptions options, AiProviderRegistry registry, Func<double>? random = null)
    {
        _options = options;
        _registry = registry;
        _random = random ?? Random.Shared.NextDouble;
        foreach (KeyValuePair<string, string> alias in options.ModelAliases)
        {
            _aliases[alias.Key] = new ModelRoute(alias.Key, ParseTargets(alias.Key, alias.Value), IsAlias: true);
        }
    }

    /// <summary>Gets the configured aliases.</summary>
    public IReadOnlyCollection<ModelRoute> Aliases => _aliases.Values;

    /// <summary>Gets the provider used for bare model names.</summary>
    public AiProviderId DefaultProvider => _options.DefaultProvider;

    /// <summary>Resolves a requested model.</summary>
    /// <param name="model">The caller's <c>model</c>; <see langword="null"/> uses <c>AI_PROVIDER</c>'s default model.</param>
    /// <returns>The route, with weighted targets already ordered for this request.</returns>
    /// <exception cref="GatewayException">404 when the provider is not configured on this gateway.</exception>
    public ModelRoute Resolve(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            var target = new RouteTarget(_options.DefaultProvider, null);
            EnsureConfigured(target, model ?? string.Empty);
            return new ModelRoute(string.Empty, [target], IsAlias: false);
        }

        if (_aliases.TryGetValue(model, out ModelRoute? alias))
        {
            var usable = alias.Targets.Where(IsConfigured).ToList();
            if (usable.Count == 0)
            {
                throw new GatewayException(GatewayError.NotFound(
                    $"The alias '{model}' has no target whose provider is configured on this gateway ({string.Join(", ", alias.Targets)}).", "model_not_found", "model"));
            }

            return alias with { Targets = Order(usable) };
        }

        RouteTarget single = ParseTarget(model);
        EnsureConfigured(single, model);
        return new ModelRoute(model, [single], IsAlias: false);
    }

    /// <summary>Resolves an explicit provider and model (the native API), bypassing aliases.</summary>
    public ModelRoute ResolveExplicit(string provider, string? model)
    {
        var id = new AiProviderId(provider);
        if (!_registry.TryGet(id, out _))
        {
            throw new GatewayException(GatewayError.BadRequest(
                $"'{provider}' is not a provider this gateway knows. Use one of: {string.Join(", ", _registry.Providers.Select(p => p.Id.Value).Order(StringComparer.Ordinal))}.",
                "provider"));
        }

        var target = new RouteTarget(id, string.IsNullOrWhiteSpace(model) ? null : model);
        EnsureConfigured(target, target.ToString());
        return new ModelRoute(target.ToString(), [target], IsAlias: false);
    }

    /// <summary>Gets whether a provider can be called: registered, and configured by the operator — with a key when it needs one; a keyless
    /// provider (Ollama, OpenAI-compatible servers) counts once something configures it (<c>OLLAMA_HOST</c>, its section, or
    /// <c>AI_PROVIDER</c>), so a cloud gateway never advertises <c>ollama/…</c> on a localhost it does not have.</summary>
    public bool IsConfigured(AiProviderId provider)
    {
        if (!_registry.TryGet(provider, out AiProvider? p))
        {
            return false;
        }

        bool hasSettings = _options.Providers.TryGetValue(provider, out AiProviderSettings? s);
        if (p.RequiresApiKey)
        {
            return hasSettings && (s!.ApiKey is not null || s.Credential is not null);
        }

        return hasSettings || provider == _options.DefaultProvider;
    }

    /// <summary>Gets every provider that can be called.</summary>
    public IEnumerable<AiProvider> ConfiguredProviders() => _registry.Providers.Where(p => IsConfigured(p.Id)).OrderBy(p => p.Id.Value, StringComparer.Ordinal);

    /// <summary>Gets a provider's configured (or built-in) default chat and embedding models.</summary>
    public (string? Chat, string? Embedding) DefaultModels(AiProvider provider)
    {
        _options.Providers.TryGetValue(provider.Id, out AiProviderSettings? s);
        return (s?.DefaultModel ?? provider.DefaultChatModel, provider.SupportsEmbeddings ? s?.DefaultEmbeddingModel ?? provider.DefaultEmbeddingModel : null);
    }

    private bool IsConfigured(RouteTarget target) => IsConfigured(target.Provider);

    private void EnsureConfigured(RouteTarget target, string requested)
    {
        if (!_registry.TryGet(target.Provider, out _))
        {
            throw new GatewayException(GatewayError.NotFound($"The model '{requested}' routes to provider '{target.Provider}', which this gateway does not have.", "model_not_found", "model"));
        }

        if (!IsConfigured(target.Provider))
        {
            throw new GatewayException(GatewayError.NotFound(
                $"The model '{requested}' routes to provider '{target.Provider}', which is not configured on this gateway. Use a model of a configured provider; GET /api/v1/models lists them.",
                "model_not_found",
                "model"));
        }
    }

    private RouteTarget ParseTarget(string text)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && slash < text.Length - 1)
        {
            var candidate = new AiProviderId(text[..slash]);
            if (_registry.TryGet(candidate, out _))
            {
                return new RouteTarget(candidate, text[(slash + 1)..]);
            }
        }

        return new RouteTarget(_options.DefaultProvider, text);
    }

    private List<RouteTarget> ParseTargets(string alias, string value)
    {
        var targets = new List<RouteTarget>();
        foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string text = part;
            int weight = 1;
            int eq = part.LastIndexOf('=');
            if (eq > 0)
            {
                if (!int.TryParse(part.AsSpan(eq + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out weight) || weight < 0)
                {
                    throw new AiException(AiErrorKind.InvalidConfiguration, $"AiOps:Models:{alias} has target '{part}' with a bad weight; use provider/model=N with N a whole number of 0 or more.")
                    {
                        Parameter = "AiOps:Models:" + alias,
                    };
                }

                text = part[..eq].Trim();
            }

            targets.Add(ParseTarget(text) with { Weight = weight });
        }

        if (targets.Count == 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"AiOps:Models:{alias} is empty; give it provider/model or a comma-separated list.") { Parameter = "AiOps:Models:" + alias };
        }

        return targets;
    }

    private List<RouteTarget> Order(List<RouteTarget> targets)
    {
        bool weighted = targets.Exists(t => t.Weight != 1);
        if (!weighted || targets.Count == 1)
        {
            return targets;
        }

        int total = targets.Sum(t => t.Weight);
        if (total <= 0)
        {
            return targets;
        }

        double pick = _random() * total;
        int first = targets.Count - 1;
        for (int i = 0, acc = 0; i < targets.Count; i++)
        {
            acc += targets[i].Weight;
            if (pick < acc)
            {
                first = i;
                break;
            }
        }

        var ordered = new List<RouteTarget>(targets.Count) { targets[first] };
        ordered.AddRange(targets.Where((_, i) => i != first).OrderByDescending(t => t.Weight));
        return ordered;
    }
}
