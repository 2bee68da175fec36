// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>The test-only OpenAI embeddings client.</summary>
internal sealed class SimOpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly AiProviderContext _context;
    private readonly ProviderHttpSender _sender;

    public SimOpenAIEmbeddingGenerator(AiProviderContext context)
    {
        _context = context;
        _sender = new ProviderHttpSender(context, new ApiKeyHeaderAuth(context, "Authorization"));
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", options?.ModelId ?? "sim-embedding");
            w.WriteStartArray("input");
            foreach (string v in values)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        byte[] body = buffer.ToArray();
        (JsonElement json, HttpResponseMessage response) = await _sender.SendJsonAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(_context.BaseUrl!, "embeddings")) { Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } } },
            SimJsonContext.Default.JsonElement,
            cancellationToken);
        using (response)
        {
            string model = json.GetProperty("model").GetString()!;
            var vectors = json.GetProperty("data").EnumerateArray()
                .Select(d => new Embedding<float>(d.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray()) { ModelId = model });
            long tokens = json.GetProperty("usage").GetProperty("prompt_tokens").GetInt64();
            return new GeneratedEmbeddings<Embedding<float>>(vectors) { Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens } };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata(_context.Provider.Id.Value, _context.BaseUrl, "sim-embedding") :
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
