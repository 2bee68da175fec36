// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>The Gemini provider is registered, configured from the environment contract and usable through <see cref="AiClient"/>.</summary>
public sealed class GeminiProviderTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("google")]
    [InlineData("gemini")]
    [InlineData("Gemini")]
    [InlineData("GOOGLE")]
    public void The_provider_is_registered_under_both_names(string name)
    {
        AiProvider provider = AiProviderRegistry.CreateDefault().Get(new AiProviderId(name));
        Assert.IsType<GeminiProvider>(provider);
        Assert.Equal(AiProviderId.Google, provider.Id);
        Assert.Equal("GEMINI_API_KEY", provider.ApiKeyVariable);
        Assert.Equal("gemini-2.5-flash", provider.DefaultChatModel);
        Assert.Equal("gemini-embedding-001", provider.DefaultEmbeddingModel);
        Assert.Equal(new Uri("https://generativelanguage.googleapis.com"), provider.DefaultBaseUrl);
        Assert.Equal(100, provider.MaxEmbeddingBatchSize);
        Assert.True(provider.SupportsChat);
        Assert.True(provider.SupportsEmbeddings);
    }

    [Fact]
    public async Task AiClient_from_the_environment_contract_talks_to_the_configured_host_with_the_key_header()
    {
        string prompt = "env-" + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string?>
        {
            ["AI_PROVIDER"] = "gemini",
            ["GEMINI_API_KEY"] = "env-gemini-key",
            ["GEMINI_BASE_URL"] = sim.BaseAddress.ToString(),
            ["AI_DEFAULT_MODEL"] = "sim-echo",
        };
        AiOpsOptions options = AiOpsConfiguration.FromEnvironment(n => env.GetValueOrDefault(n));
        using AiClient client = AiClient.Create(options);

        ChatResponse response = await client.ChatAsync(prompt);
        GeneratedEmbeddings<Embedding<float>> embeddings = await client.EmbedAsync([prompt]);

        Assert.Equal(AiProviderId.Google, client.Provider);
        Assert.Equal(prompt, response.Text);
        Assert.Single(embeddings);
        RecordedRequest[] requests = sim.Host.State.Requests.Where(r => r.Body.Contains(prompt, StringComparison.Ordinal)).ToArray();
        Assert.Equal(["/v1beta/models/sim-echo:generateContent", "/v1beta/models/gemini-embedding-001:embedContent"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal("env-gemini-key", r.Headers["x-goog-api-key"]));
        Assert.All(requests, r => Assert.DoesNotContain("env-gemini-key", r.Path + r.Query, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.StartsWith("AiOps/0.", r.Headers["User-Agent"], StringComparison.Ordinal));
    }

    [Fact]
    public void The_clients_describe_themselves_through_GetService()
    {
        var context = GeminiTestHost.Context(new Uri("https://generativelanguage.googleapis.com"), "meta");
        using IChatClient chat = new GeminiProvider().CreateChatClient(context);
        using IEmbeddingGenerator<string, Embedding<float>> embeddings = new GeminiProvider().CreateEmbeddingGenerator(context);

        ChatClientMetadata chatMetadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal("gcp.gemini", chatMetadata.ProviderName);
        Assert.Equal("gemini-2.5-flash", chatMetadata.DefaultModelId);
        Assert.Equal("gemini-embedding-001", embeddings.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Same(chat, chat.GetService<IChatClient>());
        Assert.Null(chat.GetService<ChatClientMetadata>("key"));
        Assert.Throws<ArgumentNullException>(() => chat.GetService(null!));
    }
}
