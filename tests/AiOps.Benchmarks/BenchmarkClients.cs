// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using Microsoft.Extensions.AI;
using OpenAI;

namespace AiOps.Benchmarks;

/// <summary>Builds the AiOps and official-SDK clients over the same replay handler.</summary>
public static class BenchmarkClients
{
    public const string ApiKey = "sk-bench";

    public static readonly Uri BaseUrl = new("https://api.openai.test/v1");

    public static IChatClient OursChat(HttpMessageHandler handler)
    {
        var provider = new OpenAIProvider();
        return provider.CreateChatClient(Context(provider, handler));
    }

    public static IEmbeddingGenerator<string, Embedding<float>> OursEmbeddings(HttpMessageHandler handler)
    {
        var provider = new OpenAIProvider();
        return provider.CreateEmbeddingGenerator(Context(provider, handler));
    }

    public static OpenAIClientOptions SdkOptions(HttpMessageHandler handler) => new()
    {
        Endpoint = BaseUrl,
        Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
        RetryPolicy = new ClientRetryPolicy(0),
    };

    public static ApiKeyCredential SdkKey => new(ApiKey);

    private static AiProviderContext Context(AiProvider provider, HttpMessageHandler handler) =>
        new(provider, new AiProviderSettings { ApiKey = ApiKey, BaseUrl = BaseUrl }, new HttpClient(handler), new AiSecretResolver(), TimeSpan.FromMinutes(5));
}
