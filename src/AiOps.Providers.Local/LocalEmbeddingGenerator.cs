// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Embeds texts with all-MiniLM-L6-v2 in this process: 384-dimension, unit-length vectors, no API key, no network.</summary>
/// <remarks>
/// <para>The model (about 90 MB) is loaded once per process, on the first call that has texts to embed, and shared by every
/// generator; disposing a generator does not unload it.</para>
/// <para>Texts are tokenized with the model's own BERT word-piece vocabulary (lower-cased, accents stripped). A text longer than
/// the model's window of 256 word pieces is handled as <see cref="LocalEmbeddingOptions.LongInputHandling"/> says: by default it
/// is cut into windows whose vectors are averaged, so the whole text counts.</para>
/// <para>Calls run on the thread pool and are thread-safe; concurrent calls share the model. Cancellation is observed between
/// texts while tokenizing, between batches, and inside a model pass.</para>
/// <para>Texts never leave the machine, which makes this provider suitable for logs, incidents and runbooks that must stay private.</para>
/// </remarks>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model id: <c>all-minilm-l6-v2</c>.</summary>
    public const string ModelId = LocalModelConstants.ModelId;

    /// <summary>The vector size: 384.</summary>
    public const int Dimensions = LocalModelConstants.Dimensions;

    /// <summary>The model's window in word pieces, its two markers included: 256.</summary>
    public const int MaxSequenceLength = LocalModelConstants.MaxSequenceLength;

    private static readonly EmbeddingGeneratorMetadata Metadata = new(AiProviderId.Local.Value, defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    private readonly LocalEmbeddingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<ITokenWindowEncoder> _encoder;

    /// <summary>Initializes a new instance of the <see cref="LocalEmbeddingGenerator"/> class.</summary>
    /// <param name="options">Batch size and long-input handling; <see langword="null"/> for the defaults. The generator keeps a copy.</param>
    /// <param name="timeProvider">The clock for <see cref="Embedding.CreatedAt"/>. The default is <see cref="TimeProvider.System"/>.</param>
    public LocalEmbeddingGenerator(LocalEmbeddingOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, MiniLmModelHost.Get)
    {
    }

    internal LocalEmbeddingGenerator(LocalEmbeddingOptions? options, TimeProvider? timeProvider, Func<ITokenWindowEncoder> encoder)
    {
        _options = options?.Clone() ?? new LocalEmbeddingOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _encoder = encoder;
    }

    /// <summary>Gets a value indicating whether the model is loaded in this process.</summary>
    public static bool IsModelLoaded => MiniLmModelHost.IsLoaded;

    /// <summary>Loads the model now rather than on the first call (for example at host start-up, to keep the first request fast).</summary>
    /// <param name="cancellationToken">Cancels waiting; a load already under way completes in the background.</param>
    /// <returns>A task that completes when the model is loaded.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.NotSupported"/>: the model cannot run on this platform.</exception>
    public static Task PreloadAsync(CancellationToken cancellationToken = default) =>
        Task.Run(static () => MiniLmModelHost.Get(), cancellationToken).WaitAsync(cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/> for a <see langword="null"/> text or unsupported
    /// dimensions, <see cref="AiErrorKind.NotFound"/> for another model, <see cref="AiErrorKind.NotSupported"/> when the model cannot
    /// run on this platform.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        IReadOnlyList<string> texts = LocalRequestValidator.Validate(values, options);
        cancellationToken.ThrowIfCancellationRequested();
        if (texts.Count == 0)
        {
            return [];
        }

        // The work is CPU-bound: run it on the thread pool so callers can overlap calls and never block their own thread.
        LocalEmbeddingResult result = await Task.Run(() => LocalEmbeddingEngine.Embed(_encoder(), texts, _options, cancellationToken), cancellationToken).ConfigureAwait(false);

        DateTimeOffset created = _timeProvider.GetUtcNow();
        var embeddings = new List<Embedding<float>>(result.Vectors.Length);
        foreach (float[] vector in result.Vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = created });
        }

        return new GeneratedEmbeddings<Embedding<float>>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = result.TokenCount, TotalTokenCount = result.TokenCount },
            AdditionalProperties = new AdditionalPropertiesDictionary { [AiResponseProperties.Provider] = AiProviderId.Local.Value },
        };
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return Metadata;
        }

        if (serviceType == typeof(LocalEmbeddingOptions))
        {
            return _options.Clone();
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    /// <remarks>The shared model stays loaded; this only releases the generator.</remarks>
    public void Dispose()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => $"LocalEmbeddingGenerator({ModelId}, batch {_options.MaxBatchSize}, {_options.LongInputHandling})";
}
