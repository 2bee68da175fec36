// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Any OpenAI-compatible server (vLLM, LM Studio, Groq, Mistral, llama.cpp, …) at <c>AI_BASE_URL</c> (the base with its
/// version segment, e.g. <c>http://localhost:8000/v1</c>). The key is optional (sent as <c>Authorization: Bearer</c> when set); the model
/// must be named. Tolerates the usual deviations: every tool call on index 0, no usage chunk, no <c>id</c>.</summary>
internal sealed class OpenAICompatibleProvider : AiProvider
{
    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.OpenAICompatible;

    /// <inheritdoc/>
    public override string DisplayName => "OpenAI-compatible server";

    /// <inheritdoc/>
    public override string? ApiKeyVariable => "AI_API_KEY";

    /// <inheritdoc/>
    public override bool RequiresApiKey => false;

    /// <inheritdoc/>
    public override IChatClient CreateChatClient(AiProviderContext context) =>
        new OpenAIChatClient(Throw.IfNull(context), Profile(context), new ApiKeyHeaderAuth(context, "Authorization", required: false));

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new OpenAIEmbeddingGenerator(Throw.IfNull(context), Profile(context), new ApiKeyHeaderAuth(context, "Authorization", required: false));

    private static OpenAIWireProfile Profile(AiProviderContext context)
    {
        ProviderInfo info = OpenAIProvider.InfoOf(context);
        return OpenAIWireProfile.ForCompatible(info, OpenAIBaseUrl.Normalize(context.BaseUrl, "AI_BASE_URL", info));
    }
}
