// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>A minimal, test-only OpenAI chat-completions provider over Core's shared HTTP/SSE/error layer, so the middleware can be tested
/// end to end against the simulator before the real OpenAI provider lands. Registered under id <c>openai</c>.</summary>
public sealed class SimOpenAIProvider : AiProvider
{
    public SimOpenAIProvider(string id = "openai") => Id = new AiProviderId(id);

    public override AiProviderId Id { get; }

    public override string DisplayName => "Simulated " + Id.Value;

    public override string? ApiKeyVariable => "OPENAI_API_KEY";

    public override string? DefaultChatModel => "sim-text";

    public override string? DefaultEmbeddingModel => "sim-embedding";

    public override IChatClient CreateChatClient(AiProviderContext context) => new SimOpenAIChatClient(context);

    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) => new SimOpenAIEmbeddingGenerator(context);

    public static AiProviderRegistry Registry(params string[] ids)
    {
        var registry = new AiProviderRegistry();
        foreach (string id in ids.Length == 0 ? ["openai"] : ids)
        {
            registry.Register(new SimOpenAIProvider(id));
        }

        return registry;
    }
}
