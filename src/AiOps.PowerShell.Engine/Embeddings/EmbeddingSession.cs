// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.PowerShell.Engine;

/// <summary>One <c>Get-AiEmbedding</c> command's connection: the client, the model and the provider's batch limit.
/// Batches are sent with <see cref="EmbedAsync"/>, concurrently if the caller wishes.</summary>
/// <remarks>This type is thread-safe.</remarks>
public sealed class EmbeddingSession
{
    private readonly ResolvedClient _resolved;
    private readonly EmbeddingGenerationOptions _options;
    private readonly Action<string, string>? _log;

    private EmbeddingSession(ResolvedClient resolved, EmbeddingGenerationOptions options, Action<string, string>? log)
    {
        _resolved = resolved;
        _options = options;
        _log = log;
        Model = options.ModelId;
    }

    /// <summary>Gets the provider.</summary>
    public string Provider => _resolved.Provider.Id.Value;

    /// <summary>Gets the embedding model (updated from the first answer).</summary>
    public string? Model { get; private set; }

    /// <summary>Gets the most texts one request may carry for this provider.</summary>
    public int MaxBatchSize => Math.Max(1, _resolved.Provider.MaxEmbeddingBatchSize);

    /// <summary>Opens a session, failing before anything is sent when the provider cannot embed or is not configured.</summary>
    /// <param name="connection">The explicit connection parameters.</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's default.</param>
    /// <param name="taskType">The Gemini task type (<c>RETRIEVAL_DOCUMENT</c>, …); other providers ignore it with a warning.</param>
    /// <param name="log">Receives diagnostics.</param>
    /// <returns>The session.</returns>
    /// <exception cref="Exception">An <c>AiException</c> when the configuration is unusable.</exception>
    public static EmbeddingSession Open(ConnectionOptions connection, int? dimensions, string? taskType, Action<string, string>? log)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ResolvedClient resolved = ClientResolver.Resolve(connection, forEmbeddings: true);
        using IDisposable scope = LogSink.Scope(log, resolved.ApiKey);
        if (!resolved.Provider.SupportsEmbeddings)
        {
            throw new AiException(
                AiErrorKind.NotSupported,
                $"{resolved.Provider.DisplayName} has no embeddings API. Use -Provider with a provider that has one (OpenAI, Azure OpenAI, Google, Ollama), or set it for embeddings with Set-AiDefault.")
            {
                Provider = resolved.Provider.Id.Value,
                Parameter = "-Provider",
            };
        }

        var options = new EmbeddingGenerationOptions { ModelId = resolved.Model, Dimensions = dimensions };
        if (!string.IsNullOrWhiteSpace(taskType))
        {
            if (resolved.Provider.Id == AiProviderId.Google)
            {
                options.AdditionalProperties = new AdditionalPropertiesDictionary { ["task_type"] = taskType.Trim().ToUpperInvariant() };
            }
            else
            {
                LogSink.Write("warning", $"-TaskType applies to Google Gemini embeddings; {resolved.Provider.DisplayName} ignores it.");
            }
        }

        LogSink.Write("verbose", resolved.Describe("Get-AiEmbedding") + $" Batch limit {Math.Max(1, resolved.Provider.MaxEmbeddingBatchSize)}.");
        return new EmbeddingSession(resolved, options, log);
    }

    /// <summary>Embeds one batch.</summary>
    /// <param name="texts">The texts (at most <see cref="MaxBatchSize"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One vector per text, in order.</returns>
    /// <exception cref="Exception">An <c>AiException</c> when the call fails.</exception>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        LogSink.Set(_log, _resolved.ApiKey);
        GeneratedEmbeddings<Embedding<float>> result = await _resolved.Client.EmbedAsync(texts, _options, cancellationToken).ConfigureAwait(false);
        if (result.Count != texts.Count)
        {
            throw new AiException(AiErrorKind.InvalidResponse, $"{_resolved.Provider.DisplayName} returned {result.Count} embeddings for {texts.Count} inputs.") { Provider = Provider };
        }

        var vectors = new float[result.Count][];
        for (int i = 0; i < result.Count; i++)
        {
            vectors[i] = result[i].Vector.ToArray();
        }

        if (result.Count > 0 && result[0].ModelId is string model)
        {
            Model = model;
        }

        decimal? cost = result.AdditionalProperties?.TryGetValue(AiResponseProperties.Cost, out object? c) == true && c is not null
            ? Convert.ToDecimal(c, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        UsageLedger.Record(Provider, Model ?? "(default)", requests: 1, result.Usage?.InputTokenCount, output: null, cached: null, reasoning: null, cost, embeddings: texts.Count);
        return vectors;
    }
}
