// Licensed under the MIT License.

using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

public class LocalEmbeddingProviderTests
{
    [Fact]
    public void The_provider_is_local_needs_no_key_and_has_embeddings_but_no_chat()
    {
        var provider = new LocalEmbeddingProvider();

        Assert.Equal(AiProviderId.Local, provider.Id);
        Assert.Equal("Local", provider.DisplayName);
        Assert.False(provider.RequiresApiKey);
        Assert.Null(provider.ApiKeyVariable);
        Assert.True(provider.SupportsEmbeddings);
        Assert.False(provider.SupportsChat);
        Assert.Equal("all-minilm-l6-v2", provider.DefaultEmbeddingModel);
        Assert.Null(provider.DefaultChatModel);
        Assert.Null(provider.DefaultBaseUrl);
    }

    [Fact]
    public async Task Chat_fails_with_NotSupported_pointing_to_Ollama()
    {
        using IChatClient chat = new LocalEmbeddingProvider().CreateChatClient(NewContext());

        AiException ex = await Assert.ThrowsAsync<AiException>(() => chat.GetResponseAsync("hello"));

        Assert.Equal(AiErrorKind.NotSupported, ex.Kind);
        Assert.Equal("local", ex.Provider);
        Assert.Contains("AI_PROVIDER=ollama", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OLLAMA_HOST", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_chat_fails_at_the_call_with_NotSupported()
    {
        using IChatClient chat = new LocalEmbeddingProvider().CreateChatClient(NewContext());

        AiException ex = Assert.Throws<AiException>(() => chat.GetStreamingResponseAsync("hello"));

        Assert.Equal(AiErrorKind.NotSupported, ex.Kind);
    }

    [Fact]
    public void The_chat_client_describes_itself_as_the_local_provider()
    {
        using IChatClient chat = new LocalEmbeddingProvider().CreateChatClient(NewContext());

        Assert.Equal("local", chat.GetService<ChatClientMetadata>()?.ProviderName);
    }

    [Fact]
    public async Task The_generator_uses_the_provider_options_and_the_context_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var provider = new LocalEmbeddingProvider(new LocalEmbeddingOptions { MaxBatchSize = 3, LongInputHandling = LongInputHandling.Truncate });
        using IEmbeddingGenerator<string, Embedding<float>> generator = provider.CreateEmbeddingGenerator(NewContext(clock));

        Embedding<float>[] result = await generator.EmbedAsync("hello");

        Assert.Equal(clock.GetUtcNow(), result[0].CreatedAt);
        Assert.Equal(3, generator.GetService<LocalEmbeddingOptions>()?.MaxBatchSize);
        Assert.Equal(LongInputHandling.Truncate, generator.GetService<LocalEmbeddingOptions>()?.LongInputHandling);
    }

    private static AiProviderContext NewContext(TimeProvider? clock = null)
    {
        var provider = new LocalEmbeddingProvider();
#pragma warning disable CA2000 // Dispose objects before losing scope: the context does not own the client; this test process ends soon.
        return new AiProviderContext(provider, new AiProviderSettings(), new HttpClient(), new AiSecretResolver(), TimeSpan.FromSeconds(10), clock);
#pragma warning restore CA2000
    }
}
