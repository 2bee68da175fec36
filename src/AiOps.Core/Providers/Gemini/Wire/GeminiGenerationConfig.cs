// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps;

/// <summary>Gemini <c>generationConfig</c> (wire-formats §4.2).</summary>
internal sealed class GeminiGenerationConfig
{
    /// <summary>Gets or sets the temperature.</summary>
    public float? Temperature { get; set; }

    /// <summary>Gets or sets top-p.</summary>
    public float? TopP { get; set; }

    /// <summary>Gets or sets top-k.</summary>
    public int? TopK { get; set; }

    /// <summary>Gets or sets the number of candidates; AiOps always asks for 1.</summary>
    public int? CandidateCount { get; set; } = 1;

    /// <summary>Gets or sets the output cap (thinking tokens count against it).</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets the stop sequences.</summary>
    public List<string>? StopSequences { get; set; }

    /// <summary>Gets or sets the presence penalty.</summary>
    public float? PresencePenalty { get; set; }

    /// <summary>Gets or sets the frequency penalty.</summary>
    public float? FrequencyPenalty { get; set; }

    /// <summary>Gets or sets the seed.</summary>
    public int? Seed { get; set; }

    /// <summary>Gets or sets the output media type (<c>application/json</c> for JSON output).</summary>
    public string? ResponseMimeType { get; set; }

    /// <summary>Gets or sets the output schema as JSON Schema (requires <see cref="ResponseMimeType"/> <c>application/json</c>).</summary>
    public JsonElement? ResponseJsonSchema { get; set; }

    /// <summary>Gets or sets the thinking configuration.</summary>
    public GeminiThinkingConfig? ThinkingConfig { get; set; }

    /// <summary>Gets or sets the media resolution (<c>MEDIA_RESOLUTION_LOW</c>, …).</summary>
    public string? MediaResolution { get; set; }
}
