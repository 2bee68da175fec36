// Licensed under the MIT License.

using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>The embedding generator of every OpenAI-shaped provider: inputs split into requests of at most 2,048 inputs and an
/// estimated 300k tokens (<see cref="OpenAIEmbeddingBatcher"/>), sent concurrently (up to <see cref="MaxConcurrentRequests"/> at a
/// time), results in input order; float and base64 vectors decoded.</summary>
/// <remarks>This type is thread-safe.</remarks>
internal sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>How many batch requests of one call run at the same time.</summary>
    public const int MaxConcurrentRequests = 4;

    private readonly AiProviderContext _context;
    private readonly OpenAIWireProfile _profile;
    private readonly ProviderHttpSender _sender;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Initializes a new instance of the <see cref="OpenAIEmbeddingGenerator"/> class.</summary>
    public OpenAIEmbeddingGenerator(AiProviderContext context, OpenAIWireProfile profile, ProviderAuth auth)
    {
        _context = Throw.IfNull(context);
        _profile = Throw.IfNull(profile);
        _sender = new ProviderHttpSender(context, Throw.IfNull(auth));
        _metadata = new EmbeddingGeneratorMetadata(context.Provider.Id.Value, profile.BaseUri, DefaultModel);
    }

    private string? DefaultModel => _context.Settings.DefaultEmbeddingModel ?? _context.Provider.DefaultEmbeddingModel;

    /// <inheritdoc/>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> inputs = Validate(values);
        string model = options?.ModelId is { Length: > 0 } m ? m : DefaultModel ?? throw MissingModel();
        _ = _profile.RequireBaseUri();
        Uri uri = _profile.EmbeddingsUri(model);
        OpenAIExtraBody extra = OpenAIExtraBody.From(options?.AdditionalProperties, embeddings: true, _profile.Info.Name);
        if (inputs.Count == 0)
        {
            return new GeneratedEmbeddings<Embedding<float>>();
        }

        List<(int Start, int Count)> batches = OpenAIEmbeddingBatcher.Split(inputs, Math.Max(1, _context.Provider.MaxEmbeddingBatchSize));
        var results = new Embedding<float>[inputs.Count];
        var batchResults = new BatchResult[batches.Count];
        if (batches.Count == 1)
        {
            batchResults[0] = await SendBatchAsync(uri, inputs, batches[0], model, options, extra, results, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentRequests, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Range(batches.Count), parallel, async (b, ct) =>
                batchResults[b] = await SendBatchAsync(uri, inputs, batches[b], model, options, extra, results, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var usage = new UsageDetails();
        var requestIds = new List<string>(batchResults.Length);
        foreach (BatchResult r in batchResults)
        {
            if (r.Usage is not null)
            {
                usage.Add(r.Usage);
            }

            if (r.RequestId is not null)
            {
                requestIds.Add(r.RequestId);
            }
        }

        var generated = new GeneratedEmbeddings<Embedding<float>>(results)
        {
            Usage = usage.InputTokenCount is null && usage.TotalTokenCount is null ? null : usage,
            AdditionalProperties = new AdditionalPropertiesDictionary { [AiResponseProperties.Provider] = _profile.Info.Name },
        };
        if (requestIds.Count > 0)
        {
            generated.AdditionalProperties[AiResponseProperties.RequestId] = string.Join(",", requestIds);
        }

        return generated;
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        _ = Throw.IfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The HTTP client is shared and owned by the factory.
    }

    /// <summary>Writes one embeddings request body.</summary>
    internal static OpenAIRequestBody WriteBody(IReadOnlyList<string> inputs, (int Start, int Count) batch, string model, EmbeddingGenerationOptions? options, OpenAIWireProfile profile, OpenAIExtraBody extra) =>
        OpenAIJson.SerializeBody((inputs, batch, model, options, profile, extra), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("input");
            for (int i = s.batch.Start; i < s.batch.Start + s.batch.Count; i++)
            {
                w.WriteStringValue(s.inputs[i]);
            }

            w.WriteEndArray();
            if (s.profile.ModelInBody)
            {
                w.WriteString("model", s.model);
            }

            if (!s.extra.Overrides("encoding_format"))
            {
                w.WriteString("encoding_format", s.profile.EmbeddingEncoding);
            }

            if (s.options?.Dimensions is int dimensions && !s.extra.Overrides("dimensions"))
            {
                w.WriteNumber("dimensions", dimensions);
            }

            s.extra.WriteTo(w, s.profile.Info.Name);
            w.WriteEndObject();
        });

    private static IEnumerable<int> Range(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return i;
        }
    }

    private IReadOnlyList<string> Validate(IEnumerable<string> values)
    {
        string provider = _profile.Info.Name;
        if (values is null)
        {
            throw ChatRequestValidator.Invalid(provider, "inputs", "The input list is null. Pass the texts to embed.");
        }

        IReadOnlyList<string> inputs = values as IReadOnlyList<string> ?? new List<string>(values);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (string.IsNullOrEmpty(inputs[i]))
            {
                throw ChatRequestValidator.Invalid(provider, $"inputs[{i}]", $"inputs[{i}] is empty; {_profile.Info.DisplayName} cannot embed an empty string. Remove it or give it text.");
            }
        }

        return inputs;
    }

    private AiException MissingModel()
    {
        bool azure = _profile.Surface is OpenAISurface.AzureDeployments or OpenAISurface.AzureV1;
        string message = azure
            ? "No Azure OpenAI embedding deployment is set. Set AZURE_OPENAI_EMBEDDING_DEPLOYMENT (or AI_EMBEDDING_MODEL with AI_PROVIDER=azure-openai), or pass -Model / EmbeddingGenerationOptions.ModelId with the deployment's name. Nothing was sent."
            : $"No embedding model is set for {_profile.Info.DisplayName}. Set AI_EMBEDDING_MODEL (with AI_PROVIDER={_profile.Info.Name}), or pass -Model / EmbeddingGenerationOptions.ModelId. Nothing was sent.";
        return new AiException(AiErrorKind.InvalidConfiguration, message)
        {
            Provider = _profile.Info.Name,
            Parameter = _profile.EmbeddingModelSetting,
        };
    }

    private async Task<BatchResult> SendBatchAsync(
        Uri uri,
        IReadOnlyList<string> inputs,
        (int Start, int Count) batch,
        string model,
        EmbeddingGenerationOptions? options,
        OpenAIExtraBody extra,
        Embedding<float>[] results,
        CancellationToken cancellationToken)
    {
        OpenAIEmbeddingResponse answer;
        HttpResponseMessage response;
        using (OpenAIRequestBody body = WriteBody(inputs, batch, model, options, _profile, extra))
        {
            (answer, response) = await _sender.SendAsync(() => CreateRequest(uri, body), ReadAnswerAsync, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            string? requestId = ProviderErrorMapper.RequestId(response);
            List<OpenAIEmbeddingItem> data = answer.Data ?? [];
            if (data.Count != batch.Count)
            {
                throw Invalid($"{data.Count} vectors came back for {batch.Count} inputs", requestId);
            }

            string? responseModel = string.IsNullOrEmpty(answer.Model) ? model : answer.Model;
            for (int i = 0; i < data.Count; i++)
            {
                OpenAIEmbeddingItem item = data[i];
                int index = item.Index < 0 ? i : item.Index;
                if (index >= batch.Count || item.Embedding is null || results[batch.Start + index] is not null)
                {
                    throw Invalid($"vector {i} has a missing, repeated or out-of-range index ({item.Index})", requestId);
                }

                results[batch.Start + index] = new Embedding<float>(item.Embedding) { ModelId = responseModel };
            }

            UsageDetails? usage = answer.Usage is { } u
                ? new UsageDetails { InputTokenCount = u.PromptTokens, TotalTokenCount = u.TotalTokens ?? u.PromptTokens }
                : null;
            return new BatchResult(usage, requestId);
        }
    }

    /// <summary>Reads the whole answer into a pooled buffer and parses it in one pass (the general deserializer when the fast parser
    /// declines), so a large float answer is tokenised once.</summary>
    internal static async Task<OpenAIEmbeddingResponse> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        long? length = response.Content.Headers.ContentLength;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length is > 0 and < (1L << 30) ? (int)length.Value + 1 : 64 * 1024);
        int count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    buffer.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                count += read;
            }

            ReadOnlySpan<byte> json = buffer.AsSpan(0, count);
            return OpenAIEmbeddingResponseParser.TryParse(json, out OpenAIEmbeddingResponse? parsed)
                ? parsed
                : JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.OpenAIEmbeddingResponse) ?? throw new JsonException("The body is JSON null.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private AiException Invalid(string what, string? requestId) =>
        new(AiErrorKind.InvalidResponse, $"{_profile.Info.DisplayName} answered the embeddings request, but {what}. This is a provider or proxy fault; retry, and report it if it persists.")
        {
            Provider = _profile.Info.Name,
            RequestId = requestId,
        };

    private HttpRequestMessage CreateRequest(Uri uri, OpenAIRequestBody body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = body.CreateContent(),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        OpenAIChatClient.AddOrganizationHeaders(request, _profile, _context.Settings);
        return request;
    }

    /// <summary>What one batch request returned besides the vectors.</summary>
    private readonly record struct BatchResult(UsageDetails? Usage, string? RequestId);
}
