// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Gemini embeddings: <c>embedContent</c> for one input, <c>batchEmbedContents</c> (at most 100 per request, batches sent
/// concurrently, at most <see cref="MaxConcurrentBatches"/> at a time) for more; results in input order (wire-formats §4.9).</summary>
/// <remarks>
/// <para><see cref="EmbeddingGenerationOptions.Dimensions"/> → <c>outputDimensionality</c> (Gemini truncates; vectors are returned as
/// sent, not re-normalised). <c>AdditionalProperties["task_type"]</c> → <c>taskType</c> (upper-cased), <c>["title"]</c> → <c>title</c>.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
internal sealed class GeminiEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The most inputs one <c>batchEmbedContents</c> request may carry.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>The most batch requests in flight for one call.</summary>
    public const int MaxConcurrentBatches = 4;

    private readonly ProviderHttpSender _sender;
    private readonly GeminiEndpoint _endpoint;
    private readonly string _defaultModel;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="GeminiEmbeddingGenerator"/> class.</summary>
    public GeminiEmbeddingGenerator(AiProviderContext context)
    {
        _sender = new ProviderHttpSender(context, new ApiKeyHeaderAuth(context, "x-goog-api-key"));
        Uri baseUrl = context.BaseUrl ?? new Uri(GeminiProvider.DefaultHost);
        _endpoint = new GeminiEndpoint(baseUrl, context.Provider.Id.Value);
        _defaultModel = context.Settings.DefaultEmbeddingModel ?? context.Provider.DefaultEmbeddingModel ?? GeminiProvider.EmbeddingModel;
        _metadata = new EmbeddingGeneratorMetadata("gcp.gemini", baseUrl, _defaultModel);
        _time = context.TimeProvider;
    }

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        string provider = _sender.Info.Name;
        if (values is null)
        {
            throw ChatRequestValidator.Invalid(provider, "input", "The input list is null. Pass at least one text.");
        }

        IReadOnlyList<string> inputs = values as IReadOnlyList<string> ?? new List<string>(values);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (string.IsNullOrEmpty(inputs[i]))
            {
                throw ChatRequestValidator.Invalid(provider, $"input[{i}]", $"input[{i}] is {(inputs[i] is null ? "null" : "empty")}; Gemini cannot embed an empty text.");
            }
        }

        string model = GeminiEndpoint.NormalizeModel(options?.ModelId ?? _defaultModel, provider, "model");
        string? taskType = GeminiOptions.GetString(options?.AdditionalProperties, GeminiOptions.TaskType, provider)?.ToUpperInvariant();
        string? title = GeminiOptions.GetString(options?.AdditionalProperties, GeminiOptions.Title, provider);
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Count)
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { [AiResponseProperties.Provider] = provider },
        };
        if (inputs.Count == 0)
        {
            return result;
        }

        var template = new GeminiEmbedRequest { Model = "models/" + model, TaskType = taskType, Title = title, OutputDimensionality = options?.Dimensions };
        var vectors = new float[inputs.Count][];
        if (inputs.Count == 1)
        {
            GeminiEmbedResponse single = await SendAsync(
                _endpoint.For(model, "embedContent"),
                JsonSerializer.SerializeToUtf8Bytes(Entry(template, inputs[0]), GeminiJsonContext.Default.GeminiEmbedRequest),
                GeminiJsonContext.Default.GeminiEmbedResponse,
                cancellationToken).ConfigureAwait(false);
            vectors[0] = single.Embedding?.Values ?? throw _sender.InvalidResponse("the answer had no embedding", null);
        }
        else
        {
            await EmbedBatchesAsync(inputs, template, model, vectors, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset created = _time.GetUtcNow();
        foreach (float[] vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = model, CreatedAt = created });
        }

        return result;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        _ = Throw.IfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The HTTP client is shared and owned by the factory.
    }

    private async Task EmbedBatchesAsync(IReadOnlyList<string> inputs, GeminiEmbedRequest template, string model, float[][] vectors, CancellationToken cancellationToken)
    {
        Uri uri = _endpoint.For(model, "batchEmbedContents");
        int batches = (inputs.Count + MaxBatchSize - 1) / MaxBatchSize;
        using var gate = new SemaphoreSlim(MaxConcurrentBatches);
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new Task[batches];
        for (int b = 0; b < batches; b++)
        {
            int start = b * MaxBatchSize;
            int count = Math.Min(MaxBatchSize, inputs.Count - start);
            tasks[b] = RunBatchAsync(start, count);
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            // Report the first real failure, not the cancellations it caused in the other batches.
            foreach (Task task in tasks)
            {
                if (task.IsFaulted && task.Exception?.InnerException is Exception first and not OperationCanceledException)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
                }
            }

            throw;
        }

        async Task RunBatchAsync(int start, int count)
        {
            await gate.WaitAsync(failFast.Token).ConfigureAwait(false);
            try
            {
                var batch = new GeminiBatchEmbedRequest { Requests = new List<GeminiEmbedRequest>(count) };
                for (int i = 0; i < count; i++)
                {
                    batch.Requests.Add(Entry(template, inputs[start + i]));
                }

                GeminiBatchEmbedResponse response = await SendAsync(
                    uri,
                    JsonSerializer.SerializeToUtf8Bytes(batch, GeminiJsonContext.Default.GeminiBatchEmbedRequest),
                    GeminiJsonContext.Default.GeminiBatchEmbedResponse,
                    failFast.Token).ConfigureAwait(false);
                List<GeminiEmbeddingValues>? embeddings = response.Embeddings;
                if (embeddings is null || embeddings.Count != count)
                {
                    throw _sender.InvalidResponse($"a batch of {count} inputs came back with {embeddings?.Count ?? 0} embeddings", null);
                }

                for (int i = 0; i < count; i++)
                {
                    vectors[start + i] = embeddings[i].Values ?? throw _sender.InvalidResponse($"embedding {i} of a batch had no values", null);
                }
            }
            catch
            {
                await failFast.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                _ = gate.Release();
            }
        }
    }

    private async Task<T> SendAsync<T>(Uri uri, byte[] body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        (T value, HttpResponseMessage http) = await _sender.SendJsonAsync(
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            },
            typeInfo,
            cancellationToken).ConfigureAwait(false);
        http.Dispose();
        return value;
    }

    private static GeminiEmbedRequest Entry(GeminiEmbedRequest template, string text) => new()
    {
        Model = template.Model,
        Content = new GeminiContent { Parts = [new GeminiPart { Text = text }] },
        TaskType = template.TaskType,
        Title = template.Title,
        OutputDimensionality = template.OutputDimensionality,
    };
}
