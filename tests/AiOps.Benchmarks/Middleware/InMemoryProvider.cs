// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Benchmarks;

/// <summary>A provider whose chat client answers from memory (no network), so a benchmark measures only what the pipeline adds.</summary>
public sealed class InMemoryProvider : AiProvider
{
    public override AiProviderId Id { get; } = AiProviderId.OpenAI;

    public override string DisplayName => "In-memory";

    public override bool RequiresApiKey => false;

    public override Uri? DefaultBaseUrl => new("https://in-memory.invalid/v1");

    public override IChatClient CreateChatClient(AiProviderContext context) => new InMemoryChatClient();

    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) => new UnsupportedEmbeddingGenerator("openai");

    public override bool SupportsEmbeddings => false;
}

/// <summary>Answers every call with a fresh response carrying usage, as a provider would after parsing the wire.</summary>
public sealed class InMemoryChatClient : IChatClient
{
    private static readonly ChatClientMetadata s_metadata = new("openai", new Uri("https://in-memory.invalid/v1"), "gpt-4o-mini");

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Paris is the capital of France."))
        {
            ModelId = "gpt-4o-mini-2024-07-18",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 24, OutputTokenCount = 8, TotalTokenCount = 32 },
        });

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? s_metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
