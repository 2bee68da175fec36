// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Google Gemini through the Developer API (<c>v1beta</c>, <c>generativelanguage.googleapis.com</c>), key in <c>GEMINI_API_KEY</c>
/// (or <c>GOOGLE_API_KEY</c>). Names: <c>google</c>, <c>gemini</c>.</summary>
internal sealed class GeminiProvider : AiProvider
{
    /// <summary>The public host; the provider appends <c>/v1beta</c>.</summary>
    public const string DefaultHost = "https://generativelanguage.googleapis.com";

    /// <summary>The default chat model.</summary>
    public const string ChatModel = "gemini-2.5-flash";

    /// <summary>The default embedding model (128–3072 dimensions, default 3072; wire-formats §4.9).</summary>
    public const string EmbeddingModel = "gemini-embedding-001";

    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.Google;

    /// <inheritdoc/>
    public override string DisplayName => "Google Gemini";

    /// <inheritdoc/>
    public override string? ApiKeyVariable => "GEMINI_API_KEY";

    /// <inheritdoc/>
    public override string? DefaultChatModel => ChatModel;

    /// <inheritdoc/>
    public override string? DefaultEmbeddingModel => EmbeddingModel;

    /// <inheritdoc/>
    public override Uri? DefaultBaseUrl { get; } = new(DefaultHost);

    /// <inheritdoc/>
    public override int MaxEmbeddingBatchSize => GeminiEmbeddingGenerator.MaxBatchSize;

    /// <inheritdoc/>
    public override IChatClient CreateChatClient(AiProviderContext context) => new GeminiChatClient(Throw.IfNull(context));

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new GeminiEmbeddingGenerator(Throw.IfNull(context));
}
