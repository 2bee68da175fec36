// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Anthropic (Claude) through the Messages API. Key <c>ANTHROPIC_API_KEY</c>, base URL <c>ANTHROPIC_BASE_URL</c> (the host),
/// default model <c>claude-sonnet-4-5</c>. Anthropic has no embeddings API.</summary>
internal sealed class AnthropicProvider : AiProvider
{
    /// <summary>The public endpoint.</summary>
    public static readonly Uri PublicBaseUrl = new("https://api.anthropic.com");

    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.Anthropic;

    /// <inheritdoc/>
    public override string DisplayName => "Anthropic";

    /// <inheritdoc/>
    public override string ApiKeyVariable => "ANTHROPIC_API_KEY";

    /// <inheritdoc/>
    /// <remarks>An alias that follows the newest Sonnet 4.5 snapshot; pin a dated id (for example <c>claude-sonnet-4-5-20250929</c>) for reproducibility.</remarks>
    public override string DefaultChatModel => "claude-sonnet-4-5";

    /// <inheritdoc/>
    public override Uri DefaultBaseUrl => PublicBaseUrl;

    /// <inheritdoc/>
    public override bool SupportsEmbeddings => false;

    /// <inheritdoc/>
    public override IChatClient CreateChatClient(AiProviderContext context) => new AnthropicChatClient(context);

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new UnsupportedEmbeddingGenerator(
            Id.Value,
            "Anthropic has no embeddings API, so AiOps cannot embed text with it. Configure another provider for embeddings " +
            "(for example -Provider OpenAI with OPENAI_API_KEY, -Provider Google with GEMINI_API_KEY, or -Provider Local offline) and keep Anthropic for chat.");
}
