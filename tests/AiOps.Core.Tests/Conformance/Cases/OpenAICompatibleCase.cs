// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Tests.Conformance;

/// <summary>An OpenAI-compatible server at <c>AI_BASE_URL</c> (with <c>/v1</c>): <c>max_tokens</c> rather than
/// <c>max_completion_tokens</c>, the key as a bearer token when one is set.</summary>
internal sealed class OpenAICompatibleCase : OpenAIFamilyCase
{
    /// <inheritdoc/>
    public override string Name => "openai-compatible";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new OpenAICompatibleProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "OpenAI-compatible";

    /// <inheritdoc/>
    public override string BasePath => "/v1";

    /// <inheritdoc/>
    protected override string MaxTokensField => "max_tokens";

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) => ("/v1/chat/completions", string.Empty);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string> { ["Authorization"] = "Bearer " + ApiKey };
}
