// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps.Tests;

/// <summary>A provider with no wire format of its own, for tests of the shared HTTP layer.</summary>
internal sealed class TestProvider : AiProvider
{
    public override AiProviderId Id { get; } = new("testai");

    public override string DisplayName => "TestAI";

    public override string? ApiKeyVariable => "TESTAI_API_KEY";

    public override IChatClient CreateChatClient(AiProviderContext context) => throw new System.NotSupportedException();

    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) => throw new System.NotSupportedException();
}
