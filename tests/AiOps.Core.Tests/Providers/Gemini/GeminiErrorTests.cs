// Licensed under the MIT License.

using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using static AiOps.Tests.Providers.Gemini.GeminiTestHost;

namespace AiOps.Tests.Providers.Gemini;

/// <summary>Google error bodies from the simulator become <see cref="AiException"/>s a caller can act on.</summary>
public sealed class GeminiErrorTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private async Task<AiException> FailAsync(string scenario, bool stream = false)
    {
        IChatClient chat = Chat(sim, NewKey(), s => s.Headers["x-sim-scenario"] = scenario);
        ChatMessage[] messages = [new(ChatRole.User, "x")];
        return await Assert.ThrowsAsync<AiException>(async () =>
        {
            if (stream)
            {
                await foreach (ChatResponseUpdate _ in chat.GetStreamingResponseAsync(messages))
                {
                }
            }
            else
            {
                await chat.GetResponseAsync(messages);
            }
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rejected_temperature_is_InvalidRequest_naming_the_field_and_Geminis_message(bool stream)
    {
        AiException ex = await FailAsync("error-400", stream);
        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("google", ex.Provider);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", ex.ErrorCode);
        Assert.Equal("generation_config.temperature", ex.Parameter);
        Assert.Contains("generation_config.temperature: must be in the range [0.0, 2.0]", ex.ProviderMessage, StringComparison.Ordinal);
        Assert.Contains("Google Gemini answered HTTP 400", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task A_bad_key_is_a_400_API_KEY_INVALID_and_becomes_Authentication()
    {
        AiException ex = await FailAsync("error-401");
        Assert.Equal(AiErrorKind.Authentication, ex.Kind);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("GEMINI_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsRetryable);
    }

    [Theory]
    [InlineData("error-403", AiErrorKind.PermissionDenied, 403, "PERMISSION_DENIED", false)]
    [InlineData("error-404", AiErrorKind.NotFound, 404, "NOT_FOUND", false)]
    [InlineData("error-500", AiErrorKind.ServerError, 500, "INTERNAL", true)]
    [InlineData("error-504", AiErrorKind.ServerError, 504, "DEADLINE_EXCEEDED", true)]
    [InlineData("error-503", AiErrorKind.Overloaded, 503, "UNAVAILABLE", true)]
    [InlineData("overloaded", AiErrorKind.Overloaded, 503, "UNAVAILABLE", true)]
    [InlineData("context", AiErrorKind.ContextLengthExceeded, 400, "INVALID_ARGUMENT", false)]
    public async Task Status_codes_map_to_kinds(string scenario, AiErrorKind kind, int status, string code, bool retryable)
    {
        foreach (bool stream in new[] { false, true })
        {
            AiException ex = await FailAsync(scenario, stream);
            Assert.Equal(kind, ex.Kind);
            Assert.Equal(status, ex.StatusCode);
            Assert.Equal(code, ex.ErrorCode);
            Assert.Equal(retryable, ex.IsRetryable);
        }
    }

    [Fact]
    public async Task A_rate_limit_is_retryable_with_the_RetryInfo_delay()
    {
        AiException ex = await FailAsync("ratelimit-7");
        Assert.Equal(AiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("RESOURCE_EXHAUSTED", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.True(ex.IsRetryable);
    }

    [Fact]
    public async Task A_per_day_quota_is_QuotaExceeded_and_not_retryable()
    {
        AiException ex = await FailAsync("quota");
        Assert.Equal(AiErrorKind.QuotaExceeded, ex.Kind);
        Assert.Equal("RESOURCE_EXHAUSTED", ex.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(52758), ex.RetryAfter);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task A_missing_key_fails_before_sending_and_names_GEMINI_API_KEY()
    {
        string key = NewKey();
        var ex = await Assert.ThrowsAsync<AiException>(() => Chat(sim, key, s => s.ApiKey = null).GetResponseAsync([new ChatMessage(ChatRole.User, "x")]));
        Assert.Equal(AiErrorKind.MissingApiKey, ex.Kind);
        Assert.Equal("GEMINI_API_KEY", ex.Parameter);
        Assert.Empty(Requests(sim, key));
    }

    [Fact]
    public async Task The_simulator_refuses_a_request_without_the_key_header_like_Gemini()
    {
        // Sanity check of the dialect itself: a client that forgot x-goog-api-key would be told so.
        using var http = new System.Net.Http.HttpClient();
        using var content = new System.Net.Http.StringContent("{\"contents\":[]}");
        System.Net.Http.HttpResponseMessage response = await http.PostAsync(new Uri(sim.BaseAddress, "/v1beta/models/gemini-2.5-flash:generateContent"), content);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("\"status\":\"PERMISSION_DENIED\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
