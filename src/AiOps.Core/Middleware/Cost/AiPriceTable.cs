// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Model prices (US dollars per million tokens) keyed by <c>provider/model</c>, and the cost arithmetic over <see cref="UsageDetails"/>.</summary>
/// <remarks>
/// <para><see cref="Default"/> is the table shipped in AiOps.Core (<c>prices.json</c>, dated by <see cref="AsOf"/>). <c>AI_PRICES_FILE</c>
/// and <c>AiOps:Prices</c> add or replace entries. A model is found by exact name only (the response's model first, then the requested
/// one): a dated snapshot is priced only when the table lists it or its alias resolved to it, so an unknown model gets no cost, never a
/// guessed one.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class AiPriceTable
{
    private const decimal PerMillion = 1_000_000m;
    private static readonly Lazy<AiPriceTable> s_default = new(LoadEmbedded);
    private readonly Dictionary<string, AiModelPrice> _prices;

    private AiPriceTable(Dictionary<string, AiModelPrice> prices, string? asOf)
    {
        _prices = prices;
        AsOf = asOf;
    }

    /// <summary>Gets the table shipped with AiOps.</summary>
    public static AiPriceTable Default => s_default.Value;

    /// <summary>Gets the date the prices were read (<c>yyyy-MM-dd</c>), when the file says.</summary>
    public string? AsOf { get; }

    /// <summary>Gets the <c>provider/model</c> keys the table prices.</summary>
    public IReadOnlyCollection<string> Models => _prices.Keys;

    /// <summary>Reads a price file.</summary>
    /// <param name="json">The JSON (<c>{"asOf": "…", "models": {"provider/model": {"input": 2.5, "cachedInput": 1.25, "output": 10}}}</c>).</param>
    /// <param name="source">What to call the file in error messages.</param>
    /// <returns>The table.</returns>
    /// <exception cref="AiException">The file is not valid (kind <see cref="AiErrorKind.InvalidConfiguration"/>).</exception>
    public static AiPriceTable Load(Stream json, string source = "price file")
    {
        _ = Throw.IfNull(json);
        PriceFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, PriceJsonContext.Default.PriceFile);
        }
        catch (JsonException ex)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"The {source} is not valid JSON: {ex.Message}", ex) { Parameter = source };
        }

        var prices = new Dictionary<string, AiModelPrice>(StringComparer.OrdinalIgnoreCase);
        if (file?.Models is not null)
        {
            foreach (KeyValuePair<string, AiModelPrice> entry in file.Models)
            {
                entry.Value.Model = entry.Key;
                if (entry.Value.Validate() is string problem)
                {
                    throw new AiException(AiErrorKind.InvalidConfiguration, $"The {source} has a bad entry: {problem}") { Parameter = source };
                }

                prices[Normalize(entry.Key)] = entry.Value;
            }
        }

        return new AiPriceTable(prices, file?.AsOf);
    }

    /// <summary>Reads a price file from disk (<c>AI_PRICES_FILE</c>).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The table.</returns>
    /// <exception cref="AiException">The file is missing or not valid.</exception>
    public static AiPriceTable LoadFile(string path)
    {
        _ = Throw.IfNullOrWhitespace(path);
        try
        {
            using FileStream stream = File.OpenRead(path);
            return Load(stream, $"price file '{path}' (AI_PRICES_FILE)");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, $"AI_PRICES_FILE is '{path}', which cannot be read: {ex.Message}", ex) { Parameter = "AI_PRICES_FILE" };
        }
    }

    /// <summary>Returns a table with <paramref name="overrides"/> added to or replacing this table's entries.</summary>
    /// <param name="overrides">The entries; each needs <see cref="AiModelPrice.Model"/>.</param>
    /// <returns>The merged table.</returns>
    public AiPriceTable With(IEnumerable<AiModelPrice> overrides)
    {
        _ = Throw.IfNull(overrides);
        var prices = new Dictionary<string, AiModelPrice>(_prices, StringComparer.OrdinalIgnoreCase);
        foreach (AiModelPrice price in overrides)
        {
            if (price.Validate() is string problem)
            {
                throw new AiException(AiErrorKind.InvalidConfiguration, "Bad price entry: " + problem);
            }

            prices[Normalize(price.Model!)] = price;
        }

        return new AiPriceTable(prices, AsOf);
    }

    /// <summary>Returns a table with every entry of <paramref name="other"/> added to or replacing this table's entries.</summary>
    /// <param name="other">The overriding table.</param>
    /// <returns>The merged table.</returns>
    public AiPriceTable With(AiPriceTable other) => With(Throw.IfNull(other)._prices.Values);

    /// <summary>Finds a model's prices.</summary>
    /// <param name="provider">The provider id (<c>openai</c>).</param>
    /// <param name="model">The model.</param>
    /// <param name="price">The prices when found.</param>
    /// <returns>Whether the table knows the model.</returns>
    public bool TryGetPrice(string provider, string? model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AiModelPrice? price)
    {
        price = null;
        if (string.IsNullOrEmpty(provider) || string.IsNullOrEmpty(model))
        {
            return false;
        }

        string key = string.Concat(AiProviderId.Normalize(provider), "/", model);
        return _prices.TryGetValue(key, out price);
    }

    /// <summary>Computes the cost of a call from the usage the provider reported.</summary>
    /// <param name="provider">The provider that answered.</param>
    /// <param name="responseModel">The model the provider says answered (tried first).</param>
    /// <param name="requestModel">The model the call asked for.</param>
    /// <param name="usage">The reported usage.</param>
    /// <returns>The cost in US dollars, or <see langword="null"/> when the model or a needed price is unknown, or there is no usage.</returns>
    public decimal? ComputeCost(string provider, string? responseModel, string? requestModel, UsageDetails? usage)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            return null;
        }

        if (!TryGetPrice(provider, responseModel, out AiModelPrice? price) && !TryGetPrice(provider, requestModel, out price))
        {
            return null;
        }

        long cacheWrite = 0;
        if (usage.AdditionalCounts is { } counts && counts.TryGetValue(AiUsageCounts.CacheWriteInputTokens, out long w))
        {
            cacheWrite = w;
        }

        return Compute(price, usage.InputTokenCount ?? 0, usage.CachedInputTokenCount ?? 0, cacheWrite, usage.OutputTokenCount ?? 0, usage.ReasoningTokenCount ?? 0);
    }

    /// <summary>The cost arithmetic: cached, cache-write and reasoning tokens are subsets of input and output, priced at their own rates.</summary>
    internal static decimal? Compute(AiModelPrice price, long input, long cached, long cacheWrite, long output, long reasoning)
    {
        AiModelPrice tier = price.LongContextThreshold is long threshold && input > threshold && price.LongContext is not null ? price.LongContext : price;
        input = Math.Max(0, input);
        output = Math.Max(0, output);
        cached = Math.Clamp(cached, 0, input);
        cacheWrite = Math.Clamp(cacheWrite, 0, input - cached);
        reasoning = Math.Clamp(reasoning, 0, output);
        if ((cached > 0 && tier.CachedInput is null) || (cacheWrite > 0 && tier.CacheWrite is null))
        {
            return null;
        }

        decimal total =
            ((input - cached - cacheWrite) * tier.Input) +
            (cached * (tier.CachedInput ?? 0m)) +
            (cacheWrite * (tier.CacheWrite ?? 0m)) +
            ((output - reasoning) * tier.Output) +
            (reasoning * (tier.Reasoning ?? tier.Output));
        return total / PerMillion;
    }

    private static string Normalize(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? key : string.Concat(AiProviderId.Normalize(key[..slash]), key.AsSpan(slash));
    }

    private static AiPriceTable LoadEmbedded()
    {
        using Stream stream = typeof(AiPriceTable).Assembly.GetManifestResourceStream("AiOps.prices.json")
            ?? throw new InvalidOperationException("The shipped price table (AiOps.prices.json) is missing from AiOps.Core.");
        return Load(stream, "shipped price table");
    }
}
