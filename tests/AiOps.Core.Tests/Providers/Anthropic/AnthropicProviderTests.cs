// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>The provider's registration, defaults, configuration and its (absent) embeddings.</summary>
public sealed class AnthropicProviderTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public void DefaultRegistry_HasAnthropic_WithItsDefaults()
    {
        AiProvider provider = AiProviderRegistry.CreateDefault().Get(new AiProviderId("Claude"));

        Assert.IsType<AnthropicProvider>(provider);
        Assert.Equal(("anthropic", "Anthropic", "ANTHROPIC_API_KEY", "claude-sonnet-4-5"), (provider.Id.Value, provider.DisplayName, provider.ApiKeyVariable, provider.DefaultChatModel));
        Assert.Equal(new Uri("https://api.anthropic.com"), provider.DefaultBaseUrl);
        Assert.True(provider.SupportsChat);
        Assert.False(provider.SupportsEmbeddings);
        Assert.True(provider.RequiresApiKey);
    }

    [Fact]
    public void ChatClient_PublishesMetadata()
    {
        IChatClient client = AnthropicTestClients.ForHandler(new ReplayHttpHandler("{}"), s => s.DefaultModel = "claude-opus-4-1");

        ChatClientMetadata metadata = client.GetService<ChatClientMetadata>()!;

        Assert.Equal(("anthropic", "claude-opus-4-1"), (metadata.ProviderName, metadata.DefaultModelId));
        Assert.Equal(new Uri("https://api.anthropic.test"), metadata.ProviderUri);
        Assert.Same(client, client.GetService<IChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("keyed"));
    }

    [Fact]
    public async Task Embeddings_AreNotSupported_AndSayWhatToDoInstead()
    {
        using AiClient client = AiClient.Create(new AiOpsOptions { DefaultProvider = AiProviderId.Anthropic });

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.EmbedAsync(["hello"]));

        Assert.Equal(AiErrorKind.NotSupported, error.Kind);
        Assert.Equal("anthropic", error.Provider);
        Assert.Contains("Anthropic has no embeddings API", error.Message, StringComparison.Ordinal);
        Assert.Contains("Configure another provider for embeddings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromEnvironment_UsesAnthropicKeyAndBaseUrlVariables()
    {
        var env = new Dictionary<string, string>
        {
            ["AI_PROVIDER"] = "anthropic",
            ["ANTHROPIC_API_KEY"] = "sk-ant-from-env",
            ["ANTHROPIC_BASE_URL"] = sim.BaseAddress.ToString(),
        };
        AiOpsOptions options = AiOpsConfiguration.FromEnvironment(name => env.GetValueOrDefault(name));
        options.GetProvider(AiProviderId.Anthropic).Headers["x-sim-key"] = "from-env-" + Guid.NewGuid().ToString("N");
        string key = options.GetProvider(AiProviderId.Anthropic).Headers["x-sim-key"];
        using AiClient client = AiClient.Create(options);

        ChatResponse response = await client.ChatAsync("Hello");

        Assert.Equal(ReplyPlanner.DefaultText, response.Text);
        RecordedRequest request = AnthropicTestClients.Single(sim, key);
        Assert.Equal("sk-ant-from-env", request.Headers["x-api-key"]);
        Assert.Contains("\"model\":\"claude-sonnet-4-5\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AiBaseUrl_AppliesWhenAiProviderIsAnthropic()
    {
        var env = new Dictionary<string, string>
        {
            ["AI_PROVIDER"] = "Anthropic",
            ["AI_API_KEY"] = "sk-ant-ai-key",
            ["AI_BASE_URL"] = sim.BaseAddress.ToString(),
            ["AI_DEFAULT_MODEL"] = "claude-haiku-4-5",
        };
        AiOpsOptions options = AiOpsConfiguration.FromEnvironment(name => env.GetValueOrDefault(name));
        string key = "ai-base-" + Guid.NewGuid().ToString("N");
        options.GetProvider(AiProviderId.Anthropic).Headers["x-sim-key"] = key;
        using AiClient client = AiClient.Create(options);

        await client.ChatAsync("Hello");

        RecordedRequest request = AnthropicTestClients.Single(sim, key);
        Assert.Equal("sk-ant-ai-key", request.Headers["x-api-key"]);
        Assert.Contains("\"model\":\"claude-haiku-4-5\"", request.Body, StringComparison.Ordinal);
    }
}
