// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Ollama through its OpenAI-compatible surface: <c>OLLAMA_HOST</c> (default <c>http://localhost:11434</c>) + <c>/v1</c>,
/// no key. Default models <c>llama3.2</c> and <c>nomic-embed-text</c> (pull them, or set <c>AI_DEFAULT_MODEL</c>).</summary>
internal sealed class OllamaProvider : AiProvider
{
    /// <summary>Ollama's default address.</summary>
    public static readonly Uri Host = new("http://localhost:11434");

    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.Ollama;

    /// <inheritdoc/>
    public override string DisplayName => "Ollama";

    /// <inheritdoc/>
    public override bool RequiresApiKey => false;

    /// <inheritdoc/>
    public override string? DefaultChatModel => "llama3.2";

    /// <inheritdoc/>
    public override string? DefaultEmbeddingModel => "nomic-embed-text";

    /// <inheritdoc/>
    public override Uri? DefaultBaseUrl => Host;

    /// <inheritdoc/>
    public override IChatClient CreateChatClient(AiProviderContext context) =>
        new OpenAIChatClient(Throw.IfNull(context), Profile(context), new ApiKeyHeaderAuth(context, "Authorization", required: false));

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new OpenAIEmbeddingGenerator(Throw.IfNull(context), Profile(context), new ApiKeyHeaderAuth(context, "Authorization", required: false));

    /// <summary>Returns the OpenAI-compatible base: the host plus <c>/v1</c> (kept when already there).</summary>
    internal static Uri CompatibleBase(Uri host)
    {
        string path = host.AbsolutePath.TrimEnd('/');
        return path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? host : OpenAIWireProfile.Append(host, "/v1", query: null);
    }

    private static OpenAIWireProfile Profile(AiProviderContext context)
    {
        ProviderInfo info = OpenAIProvider.InfoOf(context);
        Uri host = OpenAIBaseUrl.Normalize(context.BaseUrl, "OLLAMA_HOST", info) ?? Host;
        return OpenAIWireProfile.ForOpenAI(info, CompatibleBase(host), OpenAISurface.Compatible);
    }
}
