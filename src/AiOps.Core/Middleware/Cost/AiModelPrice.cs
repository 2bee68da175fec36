// Licensed under the MIT License.

using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>One model's list prices in US dollars per million tokens, as the price table (<c>prices.json</c>, <c>AI_PRICES_FILE</c>,
/// <c>AiOps:Prices</c>) holds them.</summary>
/// <remarks>
/// <para>Token counts follow Microsoft.Extensions.AI: cached input tokens are part of the input count and reasoning tokens part of the
/// output count, so they are priced at <see cref="CachedInput"/> and <see cref="Reasoning"/> instead of the plain rates, never on top.</para>
/// <para>When a response reports cached or cache-write tokens and the entry has no price for them, the cost is unknown (no cost is
/// reported) rather than guessed.</para>
/// </remarks>
public sealed class AiModelPrice
{
    /// <summary>Gets or sets the <c>provider/model</c> key (used by <c>AiOps:Prices</c> entries; the JSON file keys its map with it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; set; }

    /// <summary>Gets or sets the price of one million input tokens.</summary>
    public decimal Input { get; set; }

    /// <summary>Gets or sets the price of one million input tokens read from the provider's prompt cache, when it has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? CachedInput { get; set; }

    /// <summary>Gets or sets the price of one million input tokens written to the provider's prompt cache (Anthropic), when it differs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? CacheWrite { get; set; }

    /// <summary>Gets or sets the price of one million output tokens.</summary>
    public decimal Output { get; set; }

    /// <summary>Gets or sets the price of one million reasoning tokens; <see langword="null"/> means the output price (as every vendor bills them).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Reasoning { get; set; }

    /// <summary>Gets or sets the input size (in tokens) above which <see cref="LongContext"/> prices apply (Gemini 2.5 Pro, Claude Sonnet 4 1M).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LongContextThreshold { get; set; }

    /// <summary>Gets or sets the prices for prompts longer than <see cref="LongContextThreshold"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AiModelPrice? LongContext { get; set; }

    /// <summary>Returns a problem description, or <see langword="null"/> when the entry is usable.</summary>
    internal string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Model) || !Model.Contains('/', System.StringComparison.Ordinal))
        {
            return $"'{Model}' must be provider/model, for example openai/gpt-4o.";
        }

        if (Input < 0 || Output < 0 || CachedInput < 0 || CacheWrite < 0 || Reasoning < 0)
        {
            return $"{Model} has a negative price.";
        }

        if ((LongContext is null) != (LongContextThreshold is null))
        {
            return $"{Model} needs both LongContextThreshold and LongContext, or neither.";
        }

        return null;
    }
}
