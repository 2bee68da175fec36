// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Azure OpenAI: the classic deployments URL (<c>/openai/deployments/{deployment}/…?api-version=</c>) when
/// <see cref="AiProviderSettings.ApiVersion"/> is set, the <c>/openai/v1/</c> surface otherwise (DESIGN.md). Authenticates with the
/// <c>api-key</c> header, or, when no key is configured, with an Entra ID token from <see cref="AiProviderSettings.Credential"/>
/// (scope <c>https://cognitiveservices.azure.com/.default</c>). The model is the deployment name.</summary>
internal sealed class AzureOpenAIProvider : AiProvider
{
    /// <summary>The Entra ID scope for Azure OpenAI (wire-formats §5.1).</summary>
    public const string TokenScope = "https://cognitiveservices.azure.com/.default";

    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.AzureOpenAI;

    /// <inheritdoc/>
    public override string DisplayName => "Azure OpenAI";

    /// <inheritdoc/>
    public override string? ApiKeyVariable => "AZURE_OPENAI_API_KEY";

    /// <inheritdoc/>
    public override IChatClient CreateChatClient(AiProviderContext context) =>
        new OpenAIChatClient(Throw.IfNull(context), Profile(context), Auth(context));

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new OpenAIEmbeddingGenerator(Throw.IfNull(context), Profile(context), Auth(context));

    private static OpenAIWireProfile Profile(AiProviderContext context)
    {
        ProviderInfo info = OpenAIProvider.InfoOf(context);
        return OpenAIWireProfile.ForAzure(info, AzureOpenAIEndpoint.Normalize(context.BaseUrl, info), context.Settings.ApiVersion);
    }

    private static ProviderAuth Auth(AiProviderContext context) =>
        context.Settings.ApiKey is null && context.Settings.Credential is { } credential
            ? new TokenCredentialAuth(credential, TokenScope)
            : new ApiKeyHeaderAuth(context, "api-key");
}
