// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.Tests.Conformance;

/// <summary>Azure OpenAI with an api-version: the classic <c>/openai/deployments/{deployment}/chat/completions?api-version=…</c> URL,
/// no model in the body, <c>api-key</c>.</summary>
internal sealed class AzureOpenAIDeploymentsCase : OpenAIFamilyCase
{
    /// <summary>The api-version the case configures.</summary>
    public const string ApiVersion = "2024-10-21";

    /// <inheritdoc/>
    public override string Name => "azure-openai-deployments";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new AzureOpenAIProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "Azure OpenAI";

    /// <inheritdoc/>
    protected override string ModelMember => string.Empty;

    /// <inheritdoc/>
    public override void Configure(AiProviderSettings settings) => settings.ApiVersion = ApiVersion;

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) =>
        ($"/openai/deployments/{Uri.EscapeDataString(model)}/chat/completions", "?api-version=" + ApiVersion);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string> { ["api-key"] = ApiKey };

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) UnknownModel =>
        ("model", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
}
