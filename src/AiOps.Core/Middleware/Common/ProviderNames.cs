// Licensed under the MIT License.

using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Finds the provider name a pipeline talks to, for messages, logs and tags.</summary>
internal static class ProviderNames
{
    /// <summary>Gets the provider name from the client's <see cref="ChatClientMetadata"/>, or <c>custom</c>.</summary>
    public static string Of(IChatClient client) =>
        client.GetService<ChatClientMetadata>()?.ProviderName is { Length: > 0 } name ? name : "custom";

    /// <summary>Gets the provider name from the generator's <see cref="EmbeddingGeneratorMetadata"/>, or <c>custom</c>.</summary>
    public static string Of(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName is { Length: > 0 } name ? name : "custom";
}
