// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The local provider's chat client: it has no chat model, so every call fails with <see cref="AiErrorKind.NotSupported"/>
/// and says how to chat offline (Ollama through the OpenAI-compatible provider).</summary>
internal sealed class LocalChatClient : IChatClient
{
    /// <summary>The message of every failure.</summary>
    public const string NotSupportedMessage =
        "The local provider only computes embeddings (all-minilm-l6-v2); it has no chat model. For offline chat, run Ollama " +
        "(https://ollama.com) and use it through the OpenAI-compatible provider: AI_PROVIDER=ollama with OLLAMA_HOST=http://localhost:11434 " +
        "(or -Provider Ollama, AI_DEFAULT_MODEL=llama3.2), and keep -Provider Local for embeddings.";

    private static readonly ChatClientMetadata Metadata = new(AiProviderId.Local.Value);

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotSupported();

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotSupported();

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static AiException NotSupported() => new(AiErrorKind.NotSupported, NotSupportedMessage)
    {
        Provider = AiProviderId.Local.Value,
    };
}
