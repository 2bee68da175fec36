// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

public sealed class FallbackChatClientTests
{
    private static readonly ChatMessage[] s_prompt = [new(ChatRole.User, "hi")];
    private static readonly ChatOptions s_options = new() { ModelId = "gpt-4o" };

    [Fact]
    public async Task ARetryableFailureMovesToTheNextTargetWithItsModel()
    {
        using var metrics = new MetricsCapture();
        var primary = new TestChatClient("openai") { OnResponse = (_, _, _, _) => throw Errors.Status(503) };
        var backup = new TestChatClient("anthropic");
        using var client = new FallbackChatClient(primary, [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Anthropic, "claude-sonnet-4-5"), backup)]);

        ChatResponse response = await client.GetResponseAsync(s_prompt, s_options);

        Assert.Equal("anthropic", response.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.Equal(new[] { "openai/gpt-4o" }, response.AdditionalProperties[AiResponseProperties.FallbackTried]);
        Assert.Equal("claude-sonnet-4-5", backup.CallOptions.Single()!.ModelId);
        Assert.Equal("gpt-4o", s_options.ModelId); // the caller's options are not changed
        MetricsCapture.Measurement m = Assert.Single(metrics.For(AiOpsTelemetry.FallbacksName, "aiops.fallback.from", "openai/gpt-4o"));
        Assert.Equal("anthropic/claude-sonnet-4-5", m.Tags["aiops.fallback.to"]);
        Assert.Equal("ServerError", m.Tags["error.type"]);
    }

    [Fact]
    public async Task APrimaryThatAnswersIsReportedWithNothingTried()
    {
        var backup = new TestChatClient("anthropic");
        using var client = new FallbackChatClient(new TestChatClient("openai"), [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Anthropic, "c"), backup)]);
        ChatResponse response = await client.GetResponseAsync(s_prompt, s_options);
        Assert.Equal("openai", response.AdditionalProperties![AiResponseProperties.Provider]);
        Assert.False(response.AdditionalProperties.ContainsKey(AiResponseProperties.FallbackTried));
        Assert.Equal(0, backup.CallCount);
    }

    public static TheoryData<AiException> FailOver => new()
    {
        new AiException(AiErrorKind.CircuitOpen, "open") { IsRetryable = false },
        new AiException(AiErrorKind.Timeout, "slow"),
        new AiException(AiErrorKind.RateLimited, "hint above cap") { RetryAfter = TimeSpan.FromMinutes(5) },
        Errors.Status(529),
        Errors.Quota(),
    };

    [Theory]
    [MemberData(nameof(FailOver))]
    public async Task OpenCircuitsTimeoutsRateLimitsOverloadAndQuotaFailOver(AiException error)
    {
        var backup = new TestChatClient("google");
        using var client = new FallbackChatClient(new TestChatClient("openai") { OnResponse = (_, _, _, _) => throw error }, [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Google, "gemini-2.5-flash"), backup)]);
        _ = await client.GetResponseAsync(s_prompt, s_options);
        Assert.Equal(1, backup.CallCount);
    }

    public static TheoryData<AiException> Stay => new()
    {
        Errors.Status(400),
        Errors.Status(401),
        Errors.Status(404),
        Errors.Filtered(),
        new AiException(AiErrorKind.ContextLengthExceeded, "long") { StatusCode = 400 },
        new AiException(AiErrorKind.BudgetExceeded, "budget"),
    };

    [Theory]
    [MemberData(nameof(Stay))]
    public async Task InvalidRequestsAndRefusalsDoNotFailOverByDefault(AiException error)
    {
        var backup = new TestChatClient("google");
        using var client = new FallbackChatClient(new TestChatClient("openai") { OnResponse = (_, _, _, _) => throw error }, [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Google, "g"), backup)]);
        AiException thrown = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt, s_options));
        Assert.Same(error, thrown);
        Assert.Equal(new[] { "openai/gpt-4o" }, thrown.Data[AiResponseProperties.FallbackTried]);
        Assert.Equal(0, backup.CallCount);
    }

    [Fact]
    public async Task ContentFilterAndContextLengthFailOverWhenAskedTo()
    {
        var backup = new TestChatClient("google");
        Exception[] script = [Errors.Filtered(), new AiException(AiErrorKind.ContextLengthExceeded, "long")];
        using var client = new FallbackChatClient(
            new TestChatClient("openai") { OnResponse = (n, _, _, _) => throw script[n - 1] },
            [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Google, "g"), backup)],
            new AiFallbackOptions { OnContentFiltered = true, OnContextLengthExceeded = true });
        _ = await client.GetResponseAsync(s_prompt, s_options);
        _ = await client.GetResponseAsync(s_prompt, s_options);
        Assert.Equal(2, backup.CallCount);
    }

    [Fact]
    public async Task WhenEveryTargetFailsTheLastErrorCarriesWhatWasTried()
    {
        using var client = new FallbackChatClient(
            new TestChatClient("openai") { OnResponse = (_, _, _, _) => throw Errors.Status(500) },
            [
                new AiFallbackTarget(new AiRouteTarget(AiProviderId.Anthropic, "a") { Priority = 1 }, new TestChatClient("anthropic") { OnResponse = (_, _, _, _) => throw Errors.Status(529) }),
                new AiFallbackTarget(new AiRouteTarget(AiProviderId.Google, "g") { Priority = 2 }, new TestChatClient("google") { OnResponse = (_, _, _, _) => throw Errors.Status(503) }),
            ]);

        AiException e = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(s_prompt, s_options));
        Assert.Equal(503, e.StatusCode);
        Assert.Equal(new[] { "openai/gpt-4o", "anthropic/a", "google/g" }, e.Data[AiResponseProperties.FallbackTried]);
    }

    [Fact]
    public async Task AStreamFailsOverBeforeItsFirstChunkAndSaysWhoAnswered()
    {
        var backup = new TestChatClient("anthropic");
        using var client = new FallbackChatClient(
            new TestChatClient("openai") { OnStream = (_, _, _, _) => RetryChatClientTests.Fail(Errors.Status(503)) },
            [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Anthropic, "c"), backup)]);

        List<ChatResponseUpdate> updates = await client.GetStreamingResponseAsync(s_prompt, s_options).ToListAsync();

        Assert.Equal("ok", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal("anthropic", updates[0].AdditionalProperties![AiResponseProperties.Provider]);
        Assert.Equal(new[] { "openai/gpt-4o" }, updates[0].AdditionalProperties![AiResponseProperties.FallbackTried]);
    }

    [Fact]
    public async Task AStreamNeverFailsOverAfterItsFirstChunk()
    {
        var backup = new TestChatClient("anthropic");
        using var client = new FallbackChatClient(
            new TestChatClient("openai") { OnStream = (_, _, _, _) => RetryChatClientTests.CutAfterFirst() },
            [new AiFallbackTarget(new AiRouteTarget(AiProviderId.Anthropic, "c"), backup)]);

        AiException e = await Assert.ThrowsAsync<AiException>(() => client.GetStreamingResponseAsync(s_prompt, s_options).ToListAsync());
        Assert.Equal(AiErrorKind.StreamInterrupted, e.Kind);
        Assert.Equal(0, backup.CallCount);
    }

    [Theory]
    [InlineData(0.0, "openai")]
    [InlineData(0.74, "openai")]
    [InlineData(0.76, "azure-openai")]
    public async Task EqualPrioritiesAreLoadBalancedByWeight(double random, string expected)
    {
        using var client = new FallbackChatClient(
            new TestChatClient("openai"),
            [new AiFallbackTarget(new AiRouteTarget(AiProviderId.AzureOpenAI, "gpt-4o") { Priority = 0, Weight = 1, BaseUrl = new Uri("https://west.example") }, new TestChatClient("azure-openai"))],
            new AiFallbackOptions { PrimaryWeight = 3, Random = () => random });
        ChatResponse response = await client.GetResponseAsync(s_prompt, s_options);
        Assert.Equal(expected, response.AdditionalProperties![AiResponseProperties.Provider]);
    }

    [Fact]
    public async Task LoadBalancingFollowsTheWeightsAndTheOtherDeploymentTakesOverOnFailure()
    {
        var rng = new Random(7);
        var east = new TestChatClient("azure-openai");
        var west = new TestChatClient("azure-openai");
        var balanced = new FallbackChatClient(
            east,
            [new AiFallbackTarget(new AiRouteTarget(AiProviderId.AzureOpenAI, "gpt-4o") { Priority = 0, Weight = 1 }, west)],
            new AiFallbackOptions { PrimaryWeight = 1, Random = rng.NextDouble });
        for (int i = 0; i < 1000; i++)
        {
            _ = await balanced.GetResponseAsync(s_prompt, s_options);
        }

        Assert.InRange(east.CallCount, 430, 570);
        Assert.Equal(1000, east.CallCount + west.CallCount);

        east.OnResponse = (_, _, _, _) => throw Errors.Status(503);
        for (int i = 0; i < 20; i++)
        {
            ChatResponse r = await balanced.GetResponseAsync(s_prompt, s_options);
            Assert.Equal("ok", r.Text);
        }
    }

    [Fact]
    public void Ctor_InvalidArgs_Throws()
    {
        _ = Assert.Throws<ArgumentNullException>("targets", () => new FallbackChatClient(new TestChatClient(), null!));
        _ = Assert.Throws<ArgumentNullException>("route", () => new AiFallbackTarget(null!, new TestChatClient()));
        _ = Assert.Throws<ArgumentOutOfRangeException>("value", () => new AiFallbackOptions { PrimaryWeight = 0 });
    }
}
