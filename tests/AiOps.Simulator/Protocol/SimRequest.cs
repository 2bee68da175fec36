// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps.Simulator;

/// <summary>What a dialect read from a chat request, in provider-neutral terms.</summary>
public sealed class SimRequest
{
    public string? Model { get; init; }

    public bool Stream { get; init; }

    /// <summary>OpenAI <c>stream_options.include_usage</c>; other dialects always report usage.</summary>
    public bool IncludeUsage { get; init; }

    public string LastUserText { get; init; } = string.Empty;

    /// <summary>The text of the tool results in the last message, when the conversation ends with tool results.</summary>
    public IReadOnlyList<string> ToolResults { get; init; } = [];

    public IReadOnlyList<SimTool> Tools { get; init; } = [];

    public JsonElement? ResponseSchema { get; init; }

    /// <summary>Characters of input, for the simulated prompt-token count.</summary>
    public int InputChars { get; init; }

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Whether the request turned on visible reasoning (Anthropic <c>thinking</c>); the reply then carries reasoning.</summary>
    public bool ThinkingRequested { get; init; }
}

/// <summary>A declared tool.</summary>
public sealed record SimTool(string Name, JsonElement? Parameters);
