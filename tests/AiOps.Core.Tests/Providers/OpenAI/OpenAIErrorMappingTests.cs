// Licensed under the MIT License.

using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Tests.Providers.OpenAI;

/// <summary>Every error status the simulator can answer with, through the OpenAI provider (wire-formats §1.8–1.10).</summary>
public sealed class OpenAIErrorMappingTests : IClassFixture<SimulatorFixture>
{
    private readonly OpenAITestSupport _support;

    public OpenAIErrorMappingTests(SimulatorFixture fixture) => _support = new OpenAITestSupport(fixture);

    private Task<AiException> FailAsync(string model, bool stream = false)
    {
        IChatClient client = _support.Chat();
        var options = new ChatOptions { ModelId = model };
        return stream
            ? Assert.ThrowsAsync<AiException>(() => OpenAITestSupport.CollectAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options)))
            : Assert.ThrowsAsync<AiException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options));
    }

    [Theory]
    [InlineData(400, AiErrorKind.InvalidRequest, "invalid_request_error", false)]
    [InlineData(401, AiErrorKind.Authentication, "invalid_api_key", false)]
    [InlineData(403, AiErrorKind.PermissionDenied, "unsupported_country_region_territory", false)]
    [InlineData(404, AiErrorKind.NotFound, "model_not_found", false)]
    [InlineData(408, AiErrorKind.Timeout, "server_error", true)]
    [InlineData(409, AiErrorKind.ServerError, "server_error", true)]
    [InlineData(413, AiErrorKind.InvalidRequest, "server_error", false)]
    [InlineData(422, AiErrorKind.InvalidRequest, "invalid_request_error", false)]
    [InlineData(500, AiErrorKind.ServerError, "server_error", true)]
    [InlineData(502, AiErrorKind.ServerError, "server_error", true)]
    [InlineData(503, AiErrorKind.ServerError, "server_error", true)]
    [InlineData(504, AiErrorKind.ServerError, "server_error", true)]
    public async Task Each_status_maps_to_its_kind_code_and_retryability(int status, AiErrorKind kind, string code, bool retryable)
    {
        AiException ex = await FailAsync($"sim-error-{status}");

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal("openai", ex.Provider);
        Assert.StartsWith("req_sim_", ex.RequestId, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.ProviderMessage));
        Assert.Contains($"HTTP {status}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_400_names_the_parameter_the_provider_rejected()
    {
        AiException ex = await FailAsync("sim-error-400");

        Assert.Equal("temperature", ex.Parameter);
        Assert.Equal("Invalid value for 'temperature': must be between 0 and 2.", ex.ProviderMessage);
    }

    [Fact]
    public async Task A_401_tells_the_user_which_variable_holds_the_key()
    {
        AiException ex = await FailAsync("sim-error-401");

        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAITestSupport.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_429_carries_retry_after_from_retry_after_ms(bool stream)
    {
        AiException ex = await FailAsync("sim-ratelimit-7", stream);

        Assert.Equal(AiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData("retry-after", "5", 5000)]
    [InlineData("retry-after-ms", "1500", 1500)]
    public async Task A_429_with_one_retry_header_carries_its_delay(string header, string value, int milliseconds)
    {
        var handler = new ScriptedHandler("""{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", status: System.Net.HttpStatusCode.TooManyRequests);
        handler.ResponseHeaders[header] = value;

        AiException ex = await Assert.ThrowsAsync<AiException>(() => OpenAITestSupport.ScriptedChat(handler).GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")]));

        Assert.Equal(AiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ex.RetryAfter);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task Insufficient_quota_is_quota_exceeded_and_never_retryable()
    {
        AiException ex = await FailAsync("sim-quota");

        Assert.Equal(AiErrorKind.QuotaExceeded, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("insufficient_quota", ex.ErrorCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task A_context_length_error_is_context_length_exceeded()
    {
        AiException ex = await FailAsync("sim-context");

        Assert.Equal(AiErrorKind.ContextLengthExceeded, ex.Kind);
        Assert.Equal("context_length_exceeded", ex.ErrorCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task X_should_retry_false_makes_a_503_not_retryable()
    {
        AiException ex = await FailAsync("sim-noretry");

        Assert.Equal(AiErrorKind.ServerError, ex.Kind);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task A_reset_connection_is_a_retryable_server_error()
    {
        AiException ex = await FailAsync("sim-reset");

        Assert.Equal(AiErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsRetryable);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task A_slow_answer_past_the_timeout_is_a_timeout()
    {
        var time = new FakeTimeProvider();
        var provider = new OpenAIProvider();
        IChatClient client = provider.CreateChatClient(_support.Context(provider, _support.Settings(), TimeSpan.FromSeconds(30), time));

        // The attempt timer starts before the first await, so advancing the fake clock past it cancels the in-flight call.
        Task<ChatResponse> call = client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "sim-slow-600000" });
        time.Advance(TimeSpan.FromSeconds(31));
        AiException ex = await Assert.ThrowsAsync<AiException>(() => call);

        Assert.Equal(AiErrorKind.Timeout, ex.Kind);
        Assert.True(ex.IsRetryable);
    }

    [Theory]
    [InlineData(400, AiErrorKind.InvalidRequest)]
    [InlineData(401, AiErrorKind.Authentication)]
    [InlineData(429, AiErrorKind.RateLimited)]
    [InlineData(500, AiErrorKind.ServerError)]
    public async Task Embedding_errors_map_the_same_way(int status, AiErrorKind kind)
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => _support.Embeddings().GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = $"sim-error-{status}" }));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
    }
}
