// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>A provider whose clients are scripted doubles, so the whole default pipeline can be driven with exact timing.</summary>
public sealed class ScriptedProvider : AiProvider
{
    private readonly Func<AiProviderContext, IChatClient> _chat;
    private readonly Func<AiProviderContext, IEmbeddingGenerator<string, Embedding<float>>>? _embeddings;

    public ScriptedProvider(string id, Func<AiProviderContext, IChatClient> chat, Func<AiProviderContext, IEmbeddingGenerator<string, Embedding<float>>>? embeddings = null)
    {
        Id = new AiProviderId(id);
        _chat = chat;
        _embeddings = embeddings;
    }

    public ScriptedProvider(string id, IChatClient chat, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
        : this(id, _ => chat, embeddings is null ? null : _ => embeddings)
    {
    }

    public override AiProviderId Id { get; }

    public override string DisplayName => Id.Value;

    public override bool RequiresApiKey => false;

    public override string? DefaultChatModel => "test-model";

    public override Uri? DefaultBaseUrl => new("https://" + Id.Value + ".test.invalid/v1");

    public override IChatClient CreateChatClient(AiProviderContext context) => _chat(context);

    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
        _embeddings?.Invoke(context) ?? new TestEmbeddingGenerator(Id.Value);

    public static AiProviderRegistry Registry(params AiProvider[] providers)
    {
        var registry = new AiProviderRegistry();
        foreach (AiProvider p in providers)
        {
            registry.Register(p);
        }

        return registry;
    }
}
