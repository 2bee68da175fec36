// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The <c>local</c> provider: offline embeddings with all-MiniLM-L6-v2 running in-process. No key, no network, no chat.</summary>
/// <remarks>
/// <para>Register it with <c>services.AddAiOpsLocalEmbeddings()</c> or <c>registry.Register(new LocalEmbeddingProvider())</c>; then
/// <c>AI_PROVIDER=local</c>, <c>factory.GetClient(AiProviderId.Local)</c> and the gateway's <c>local/all-minilm-l6-v2</c> model resolve to it.</para>
/// <para>Its chat client fails with <see cref="AiErrorKind.NotSupported"/>, pointing to Ollama for offline chat.</para>
/// </remarks>
public sealed class LocalEmbeddingProvider : AiProvider
{
    private readonly LocalEmbeddingOptions _options;

    /// <summary>Initializes a new instance of the <see cref="LocalEmbeddingProvider"/> class.</summary>
    /// <param name="options">Batch size and long-input handling for the generators it creates; <see langword="null"/> for the defaults.</param>
    public LocalEmbeddingProvider(LocalEmbeddingOptions? options = null)
    {
        _options = options?.Clone() ?? new LocalEmbeddingOptions();
    }

    /// <inheritdoc/>
    public override AiProviderId Id => AiProviderId.Local;

    /// <inheritdoc/>
    public override string DisplayName => "Local";

    /// <inheritdoc/>
    public override bool RequiresApiKey => false;

    /// <inheritdoc/>
    public override string? DefaultEmbeddingModel => LocalModelConstants.ModelId;

    /// <inheritdoc/>
    /// <remarks>The generator batches internally (<see cref="LocalEmbeddingOptions.MaxBatchSize"/> windows per model pass); this
    /// bounds one request so callers that batch a stream (the PowerShell module, the gateway) report progress and can cancel often.</remarks>
    public override int MaxEmbeddingBatchSize => LocalModelConstants.MaxInputsPerRequest;

    /// <inheritdoc/>
    public override bool SupportsChat => false;

    /// <inheritdoc/>
    /// <returns>A chat client whose every call fails with <see cref="AiErrorKind.NotSupported"/>.</returns>
    public override IChatClient CreateChatClient(AiProviderContext context) => new LocalChatClient();

    /// <inheritdoc/>
    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        new LocalEmbeddingGenerator(_options, context?.TimeProvider);
}
