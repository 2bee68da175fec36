// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>HTTP errors, mid-stream errors and cut streams become <see cref="AiException"/>s with the right kind and details.</summary>
public sealed class AnthropicErrorTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Overloaded529_IsOverloadedAndRetryable(bool stream)
    {
        AiException error = await Fail("sim-overloaded", stream);

        Assert.Equal(AiErrorKind.Overloaded, error.Kind);
        Assert.Equal(529, error.StatusCode);
        Assert.Equal("overloaded_error", error.ErrorCode);
        Assert.Equal("Overloaded", error.ProviderMessage);
        Assert.True(error.IsRetryable);
        Assert.Equal("anthropic", error.Provider);
        Assert.StartsWith("req_011Sim", error.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit429_IsRateLimitedWithRetryAfterFromTheHeader()
    {
        AiException error = await Fail("sim-ratelimit-7", stream: false);

        Assert.Equal(AiErrorKind.RateLimited, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("rate_limit_error", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task RateLimit429WithoutRetryAfter_WaitsUntilTheExhaustedLimitResets()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-08-21T12:40:30Z", System.Globalization.CultureInfo.InvariantCulture));
        var handler = new ReplayHttpHandler(
            """{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your per-minute rate limit"},"request_id":"req_body_only"}""",
            "application/json",
            HttpStatusCode.TooManyRequests,
            new Dictionary<string, string>
            {
                ["anthropic-ratelimit-requests-remaining"] = "0",
                ["anthropic-ratelimit-requests-reset"] = "2025-08-21T12:40:59Z",
                ["anthropic-ratelimit-tokens-remaining"] = "96000",
                ["anthropic-ratelimit-tokens-reset"] = "2025-08-21T12:41:30Z",
            });
        IChatClient client = AnthropicTestClients.ForHandler(handler, time: time);

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(AiErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(29), error.RetryAfter);
        Assert.Equal("req_body_only", error.RequestId);
    }

    [Fact]
    public async Task SpendLimit429_IsQuotaExceededAndNotRetryable()
    {
        AiException error = await Fail("sim-quota", stream: false);

        Assert.Equal(AiErrorKind.QuotaExceeded, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData("sim-error-400", AiErrorKind.InvalidRequest, 400, "invalid_request_error", false)]
    [InlineData("sim-error-401", AiErrorKind.Authentication, 401, "authentication_error", false)]
    [InlineData("sim-error-403", AiErrorKind.PermissionDenied, 403, "permission_error", false)]
    [InlineData("sim-error-404", AiErrorKind.NotFound, 404, "not_found_error", false)]
    [InlineData("sim-error-413", AiErrorKind.InvalidRequest, 413, "request_too_large", false)]
    [InlineData("sim-error-500", AiErrorKind.ServerError, 500, "api_error", true)]
    [InlineData("sim-error-504", AiErrorKind.Timeout, 504, "timeout_error", true)]
    [InlineData("sim-context", AiErrorKind.ContextLengthExceeded, 400, "invalid_request_error", false)]
    [InlineData("sim-noretry", AiErrorKind.ServerError, 503, "api_error", false)]
    public async Task HttpErrors_MapToKinds(string model, AiErrorKind kind, int status, string code, bool retryable)
    {
        AiException error = await Fail(model, stream: false);

        Assert.Equal((kind, status, code, retryable), (error.Kind, error.StatusCode, error.ErrorCode, error.IsRetryable));
        Assert.Contains("Anthropic answered HTTP " + status, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authentication_SaysWhichVariableToFix_AndNeverEchoesTheKey()
    {
        AiException error = await Fail("sim-error-401", stream: false);

        Assert.Contains("ANTHROPIC_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AnthropicTestClients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderRejection_CarriesTheProvidersOwnMessage()
    {
        AiException error = await Fail("sim-error-400", stream: false);

        Assert.Equal("temperature: range: 0..1", error.ProviderMessage);
        Assert.Contains("temperature: range: 0..1", error.Message, StringComparison.Ordinal);
        Assert.Equal("temperature", error.Parameter);
    }

    [Fact]
    public async Task AToolTurnWithoutItsThinkingBlock_IsRejectedByTheApi_WithItsOwnMessage()
    {
        // The rule the tool loop must honour (see AnthropicResponseTests.ThinkingWithTools_…): the simulator enforces it like the API.
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);
        ChatMessage[] history =
        [
            new(ChatRole.User, "Temperature?"),
            new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "get_temperature", new Dictionary<string, object?> { ["location"] = "Oslo" })]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_1", 21)]),
        ];
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.CreateDeclaration("get_temperature", null, System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement)],
            AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 1024 },
        };

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync(history, options));

        Assert.Equal((AiErrorKind.InvalidRequest, 400), (error.Kind, error.StatusCode));
        Assert.StartsWith("messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.", error.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidStreamErrorEvent_ThrowsOverloadedAfterThePartialText()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim);
        var texts = new List<string>();

        AiException error = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", new ChatOptions { ModelId = "sim-midstream-2" }))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal(AiErrorKind.Overloaded, error.Kind);
        Assert.Equal("overloaded_error", error.ErrorCode);
        Assert.Equal("Overloaded", error.ProviderMessage);
        Assert.Null(error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Single(AnthropicTestClients.Requests(sim, key));
        Assert.StartsWith("req_011Sim", error.RequestId, StringComparison.Ordinal);
        Assert.Equal(["Hello ", "from "], texts);
    }

    [Fact]
    public async Task CutStream_ThrowsStreamInterrupted_NeverEndsSilently()
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);
        var texts = new List<string>();

        AiException error = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("Hi", new ChatOptions { ModelId = "sim-cut-3" }))
            {
                texts.Add(update.Text);
            }
        });

        Assert.Equal(AiErrorKind.StreamInterrupted, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(["Hello ", "from ", "the "], texts);
    }

    [Fact]
    public async Task MalformedEvent_ThrowsStreamInterrupted()
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);

        AiException error = await Assert.ThrowsAsync<AiException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync("Hi", new ChatOptions { ModelId = "sim-malformed-1" }))
            {
            }
        });

        Assert.Equal(AiErrorKind.StreamInterrupted, error.Kind);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionReset_IsARetryableServerError()
    {
        AiException error = await Fail("sim-reset", stream: false);

        Assert.Equal(AiErrorKind.ServerError, error.Kind);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task MissingKey_FailsBeforeSending_NamingAnthropicApiKey()
    {
        (IChatClient client, string key) = AnthropicTestClients.ForSimulator(sim, s => s.ApiKey = null);

        AiException error = await Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(AiErrorKind.MissingApiKey, error.Kind);
        Assert.Contains("ANTHROPIC_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(AnthropicTestClients.Requests(sim, key));
    }

    private async Task<AiException> Fail(string model, bool stream)
    {
        (IChatClient client, _) = AnthropicTestClients.ForSimulator(sim);
        var options = new ChatOptions { ModelId = model };
        return await Assert.ThrowsAsync<AiException>(async () =>
        {
            if (stream)
            {
                await foreach (ChatResponseUpdate _ in client.GetStreamingResponseAsync("Hi", options))
                {
                }
            }
            else
            {
                await client.GetResponseAsync("Hi", options);
            }
        });
    }
}
