// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Tests.Conformance;

/// <summary>OpenAI: <c>{base}/chat/completions</c> with the base's <c>/v1</c>, <c>Authorization: Bearer</c>.</summary>
internal sealed class OpenAICase : OpenAIFamilyCase
{
    /// <inheritdoc/>
    public override string Name => "openai";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new OpenAIProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "OpenAI";

    /// <inheritdoc/>
    public override string BasePath => "/v1";

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) => ("/v1/chat/completions", string.Empty);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string> { ["Authorization"] = "Bearer " + ApiKey };
}
