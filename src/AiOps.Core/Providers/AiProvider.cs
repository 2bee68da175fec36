// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>A provider AiOps can talk to: its identity, its defaults and factories for its chat client and embedding generator.</summary>
/// <remarks>Built-in providers are registered by <see cref="AiProviderRegistry.CreateDefault"/>; other assemblies (for example the
/// local embeddings provider) derive from this class and register an instance. Instances are stateless and thread-safe.</remarks>
public abstract class AiProvider
{
    /// <summary>Gets the provider's id (<c>openai</c>, <c>anthropic</c>, …).</summary>
    public abstract AiProviderId Id { get; }

    /// <summary>Gets the name people know the provider by (<c>OpenAI</c>), used in messages.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Gets the environment variable that holds the provider's key, used in fix hints, or <see langword="null"/> when it takes none.</summary>
    public virtual string? ApiKeyVariable => null;

    /// <summary>Gets a value indicating whether a call fails with <see cref="AiErrorKind.MissingApiKey"/> when no key is configured.</summary>
    public virtual bool RequiresApiKey => true;

    /// <summary>Gets the chat model used when neither the call nor the configuration names one, or <see langword="null"/> when the user must choose.</summary>
    public virtual string? DefaultChatModel => null;

    /// <summary>Gets the embedding model used when neither the call nor the configuration names one.</summary>
    public virtual string? DefaultEmbeddingModel => null;

    /// <summary>Gets the base URL used when none is configured.</summary>
    public virtual System.Uri? DefaultBaseUrl => null;

    /// <summary>Gets the most inputs one embeddings request may carry (OpenAI 2,048; Gemini 100).</summary>
    public virtual int MaxEmbeddingBatchSize => 2048;

    /// <summary>Gets a value indicating whether the provider has an embeddings API.</summary>
    public virtual bool SupportsEmbeddings => true;

    /// <summary>Gets a value indicating whether the provider has a chat API.</summary>
    public virtual bool SupportsChat => true;

    /// <summary>Creates the provider's chat client.</summary>
    /// <param name="context">The settings, HTTP client, clock and secrets to use.</param>
    /// <returns>A chat client speaking the provider's wire format.</returns>
    public abstract IChatClient CreateChatClient(AiProviderContext context);

    /// <summary>Creates the provider's embedding generator.</summary>
    /// <param name="context">The settings, HTTP client, clock and secrets to use.</param>
    /// <returns>An embedding generator; providers without embeddings return one that fails with <see cref="AiErrorKind.NotSupported"/>.</returns>
    public abstract IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context);

    /// <inheritdoc/>
    public override string ToString() => DisplayName;
}
