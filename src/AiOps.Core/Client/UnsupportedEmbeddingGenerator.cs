// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The embedding generator of a provider without embeddings: every call fails with <see cref="AiErrorKind.NotSupported"/>.</summary>
internal sealed class UnsupportedEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _provider;
    private readonly string _message;

    /// <summary>Initializes a new instance of the <see cref="UnsupportedEmbeddingGenerator"/> class.</summary>
    public UnsupportedEmbeddingGenerator(string provider = "custom", string? message = null)
    {
        _provider = provider;
        _message = message ?? $"The {provider} provider has no embeddings API. Configure another provider for embeddings (for example -Provider OpenAI, Google or Local).";
    }

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new AiException(AiErrorKind.NotSupported, _message) { Provider = _provider };

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
