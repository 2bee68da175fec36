// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Tests.Conformance;

/// <summary>Azure OpenAI without an api-version: the <c>/openai/v1/</c> surface, the deployment as the body's model, <c>api-key</c>.
/// Its 404 for an unknown deployment is Azure's <c>DeploymentNotFound</c>.</summary>
internal sealed class AzureOpenAIV1Case : OpenAIFamilyCase
{
    /// <inheritdoc/>
    public override string Name => "azure-openai-v1";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new AzureOpenAIProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "Azure OpenAI";

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) => ("/openai/v1/chat/completions", string.Empty);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string> { ["api-key"] = ApiKey };

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) UnknownModel =>
        ("model", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
}
