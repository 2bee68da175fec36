// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Tests.Conformance;

/// <summary>Ollama through its OpenAI-compatible surface: the host as base URL (<c>/v1</c> appended), <c>max_tokens</c>.</summary>
internal sealed class OllamaCase : OpenAIFamilyCase
{
    /// <inheritdoc/>
    public override string Name => "ollama";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new OllamaProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "Ollama";

    /// <inheritdoc/>
    protected override string MaxTokensField => "max_tokens";

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) => ("/v1/chat/completions", string.Empty);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string> { ["Authorization"] = "Bearer " + ApiKey };
}
