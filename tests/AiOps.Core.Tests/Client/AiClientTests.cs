// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Tests.Client;

public sealed class AiClientTests
{
    public static TheoryData<ChatOptions?, List<ChatMessage>, string> BadInput => new()
    {
        { null, [], "messages" },
        { null, [new ChatMessage(ChatRole.User, string.Empty)], "messages[0]" },
        { null, [new ChatMessage(ChatRole.User, "ok"), new ChatMessage(ChatRole.Assistant, [])], "messages[1]" },
        { new ChatOptions { Temperature = float.NaN }, [new ChatMessage(ChatRole.User, "hi")], "temperature" },
        { new ChatOptions { Temperature = -0.1f }, [new ChatMessage(ChatRole.User, "hi")], "temperature" },
        { new ChatOptions { MaxOutputTokens = 0 }, [new ChatMessage(ChatRole.User, "hi")], "max_tokens" },
        { new ChatOptions { MaxOutputTokens = -5 }, [new ChatMessage(ChatRole.User, "hi")], "max_tokens" },
        { new ChatOptions { TopP = 1.5f }, [new ChatMessage(ChatRole.User, "hi")], "top_p" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task ChatAsync_BadInput_FailsBeforeCallingTheProvider(ChatOptions? options, List<ChatMessage> messages, string parameter)
    {
        var chat = new ScriptedChatClient();
        using var client = new AiClient(chat);

        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.ChatAsync(messages, options));

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(parameter, ex.Parameter);
        Assert.Contains("Nothing was sent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(chat.Calls);
        Assert.Throws<AiException>(() => client.ChatStreamAsync(messages, options));
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task ChatAsync_MessageWithOnlyAToolCall_IsValid()
    {
        var chat = new ScriptedChatClient();
        using var client = new AiClient(chat);

        await client.ChatAsync([
            new ChatMessage(ChatRole.User, "weather?"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "get_weather")]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "sunny")]),
        ]);

        Assert.Single(chat.Calls);
    }

    [Fact]
    public async Task Use_WrapsThePipelineOutermost()
    {
        var chat = new ScriptedChatClient();
        using var client = new AiClient(chat);
        var seen = new List<string>();
        client.Use(inner => new ChatClientBuilder(inner).Use(async (messages, options, next, ct) =>
        {
            seen.Add("outer");
            await next(messages, options, ct);
        }).Build());

        await client.ChatAsync("hi");

        Assert.Equal(["outer"], seen);
        Assert.Single(chat.Calls);
    }

    [Fact]
    public async Task EmbedAsync_OnAClientWithoutEmbeddings_IsNotSupported()
    {
        using var client = new AiClient(new ScriptedChatClient());
        AiException ex = await Assert.ThrowsAsync<AiException>(() => client.EmbedAsync(["x"]));
        Assert.Equal(AiErrorKind.NotSupported, ex.Kind);
    }

    [Fact]
    public void Create_UnknownProvider_FailsNamingTheKnownOnes()
    {
        AiException ex = Assert.Throws<AiException>(() => AiClient.Create(new AiOpsOptions(), "skynet"));
        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Contains("openai", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAiOps_BadConfiguration_FailsWhenResolvedNamingTheVariable()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AI_TIMEOUT"] = "soon" }).Build();
        using ServiceProvider services = new ServiceCollection().AddAiOps(configuration).BuildServiceProvider();

        AiException ex = Assert.Throws<AiException>(() => services.GetRequiredService<AiOpsOptions>());
        Assert.Contains("AI_TIMEOUT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAiOps_RegistersOptionsRegistryAndFactory()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AI_MAX_RETRIES"] = "1" }).Build();
        using ServiceProvider services = new ServiceCollection().AddAiOps(configuration, o => o.RateLimit = 3).BuildServiceProvider();

        AiOpsOptions options = services.GetRequiredService<AiOpsOptions>();
        Assert.Equal(1, options.MaxRetries);
        Assert.Equal(3, options.RateLimit);
        Assert.Same(services.GetRequiredService<AiClientFactory>().Options, options);
        Assert.NotNull(services.GetRequiredService<AiProviderRegistry>());
    }
}
