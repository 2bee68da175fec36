// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>OpenAI (api.openai.com): chat completions and embeddings. Key <c>OPENAI_API_KEY</c> as <c>Authorization: Bearer</c>;
/// base URL <c>OPENAI_BASE_URL</c> (with the version segment, default <c>https://api.openai.com/v1</c>); optional
/// <c>OpenAI-Organization</c>/<c>OpenAI-Project</c> headers.</summary>
internal sealed class OpenAIProvider : AiProvider
{
    /// <summary>The public endpoint.</summary>
    public static readonly Uri Endpoint = new("https://api.openai.com/v1");

    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.OpenAI;

    /// <inheritdoc/>
    public override string DisplayName => "OpenAI";

    /// <inheritdoc/>
    public override string? ApiKeyVariable => "OPENAI_API_KEY";

    /// <inheritdoc/>
    public override string? DefaultChatModel => "gpt-4o-mini";

    /// <inheritdoc/>
    public override string? DefaultEmbeddingModel => "text-embedding-3-small";

    /// <inheritdoc/>
    public override Uri? DefaultBaseUrl => Endpoint;

    /// <inheritdoc/>
    public override IChatClient CreateChatClient(AiProviderContext context) =>
        new OpenAIChatClient(Throw.IfNull(context), Profile(context), new ApiKeyHeaderAuth(context, "Authorization"));

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new OpenAIEmbeddingGenerator(Throw.IfNull(context), Profile(context), new ApiKeyHeaderAuth(context, "Authorization"));

    /// <summary>Builds the provider facts used in messages.</summary>
    internal static ProviderInfo InfoOf(AiProviderContext context) =>
        new(context.Provider.Id.Value, context.Provider.DisplayName, context.Provider.ApiKeyVariable);

    private static OpenAIWireProfile Profile(AiProviderContext context)
    {
        ProviderInfo info = InfoOf(context);
        return OpenAIWireProfile.ForOpenAI(info, OpenAIBaseUrl.Normalize(context.BaseUrl, "OPENAI_BASE_URL", info) ?? Endpoint);
    }
}
