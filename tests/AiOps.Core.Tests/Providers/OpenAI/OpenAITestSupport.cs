// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>Builds OpenAI-family clients against the in-process simulator, through the real shared HTTP layer (AiOps' pooled
/// handler and User-Agent), and finds the requests a test sent by a per-test header.</summary>
public sealed class OpenAITestSupport
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    private static readonly AiHttpClientFactory Http = new();

    public OpenAITestSupport(SimulatorFixture fixture)
    {
        Fixture = fixture;
        TestId = Guid.NewGuid().ToString("N");
    }

    public SimulatorFixture Fixture { get; }

    /// <summary>Gets the value of the <c>x-test-id</c> header every request of this helper carries.</summary>
    public string TestId { get; }

    public Uri OpenAIBase => new(Fixture.BaseAddress, "/v1");

    public AiProviderSettings Settings(Uri? baseUrl = null, string? apiKey = ApiKey)
    {
        var settings = new AiProviderSettings { ApiKey = apiKey, BaseUrl = baseUrl ?? OpenAIBase };
        settings.Headers["x-test-id"] = TestId;
        return settings;
    }

    public AiProviderContext Context(AiProvider provider, AiProviderSettings settings, TimeSpan? timeout = null, TimeProvider? time = null) =>
        new(provider, settings, Http.Client, new AiSecretResolver(), timeout ?? TimeSpan.FromSeconds(30), time);

    /// <summary>Creates a chat client whose HTTP calls are answered by <paramref name="handler"/> (recorded transcripts).</summary>
    public static IChatClient ScriptedChat(ScriptedHandler handler, AiProvider? provider = null, AiProviderSettings? settings = null)
    {
        provider ??= new OpenAIProvider();
        settings ??= new AiProviderSettings { ApiKey = ApiKey, BaseUrl = new Uri("https://api.openai.test/v1") };
        return provider.CreateChatClient(new AiProviderContext(provider, settings, new HttpClient(handler), new AiSecretResolver(), TimeSpan.FromSeconds(30)));
    }

    /// <summary>Creates an embedding generator whose HTTP calls are answered by <paramref name="handler"/>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> ScriptedEmbeddings(ScriptedHandler handler, AiProvider? provider = null, AiProviderSettings? settings = null)
    {
        provider ??= new OpenAIProvider();
        settings ??= new AiProviderSettings { ApiKey = ApiKey, BaseUrl = new Uri("https://api.openai.test/v1") };
        return provider.CreateEmbeddingGenerator(new AiProviderContext(provider, settings, new HttpClient(handler), new AiSecretResolver(), TimeSpan.FromSeconds(30)));
    }

    public IChatClient Chat(AiProvider? provider = null, AiProviderSettings? settings = null)
    {
        provider ??= new OpenAIProvider();
        return provider.CreateChatClient(Context(provider, settings ?? Settings()));
    }

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings(AiProvider? provider = null, AiProviderSettings? settings = null)
    {
        provider ??= new OpenAIProvider();
        return provider.CreateEmbeddingGenerator(Context(provider, settings ?? Settings()));
    }

    /// <summary>Gets the requests this test sent, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests() =>
        Fixture.Host.State.Requests.Where(r => r.Headers.TryGetValue("x-test-id", out string? id) && id == TestId).ToList();

    /// <summary>Gets the single request this test sent.</summary>
    public RecordedRequest Single() => Assert.Single(Requests());

    /// <summary>Collects a stream to a list.</summary>
    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    /// <summary>Sets a header on every request of these settings (for x-sim-scenario / x-sim-quirks).</summary>
    public static AiProviderSettings With(AiProviderSettings settings, string header, string value)
    {
        settings.Headers[header] = value;
        return settings;
    }
}
