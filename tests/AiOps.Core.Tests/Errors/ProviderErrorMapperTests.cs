// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Http;

namespace AiOps.Tests.Errors;

public sealed class ProviderErrorMapperTests
{
    private static readonly ProviderInfo OpenAI = new("openai", "OpenAI", "OPENAI_API_KEY");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static AiException Map(int status, string? body, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        foreach ((string name, string value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return ProviderErrorMapper.FromResponse(OpenAI, response, body, Now, secret: null);
    }

    private static string OpenAIBody(string message, string? type, string? code, string? param = null) =>
        $"{{\"error\":{{\"message\":\"{message}\",\"type\":{Json(type)},\"param\":{Json(param)},\"code\":{Json(code)}}}}}";

    private static string Json(string? s) => s is null ? "null" : $"\"{s}\"";

    [Theory]
    [InlineData(400, AiErrorKind.InvalidRequest, false)]
    [InlineData(401, AiErrorKind.Authentication, false)]
    [InlineData(403, AiErrorKind.PermissionDenied, false)]
    [InlineData(404, AiErrorKind.NotFound, false)]
    [InlineData(408, AiErrorKind.Timeout, true)]
    [InlineData(409, AiErrorKind.ServerError, true)]
    [InlineData(413, AiErrorKind.InvalidRequest, false)]
    [InlineData(422, AiErrorKind.InvalidRequest, false)]
    [InlineData(429, AiErrorKind.RateLimited, true)]
    [InlineData(500, AiErrorKind.ServerError, true)]
    [InlineData(501, AiErrorKind.ServerError, false)]
    [InlineData(502, AiErrorKind.ServerError, true)]
    [InlineData(503, AiErrorKind.ServerError, true)]
    [InlineData(504, AiErrorKind.ServerError, true)]
    [InlineData(529, AiErrorKind.Overloaded, true)]
    public void FromResponse_Status_MapsToKindAndRetryability(int status, AiErrorKind kind, bool retryable)
    {
        AiException ex = Map(status, body: null);

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(retryable, ex.IsRetryable);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("openai", ex.Provider);
    }

    [Fact]
    public void FromResponse_InsufficientQuota_IsQuotaExceededAndNeverRetryable()
    {
        AiException ex = Map(429, OpenAIBody("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"),
            ("retry-after", "1"));

        Assert.Equal(AiErrorKind.QuotaExceeded, ex.Kind);
        Assert.False(ex.IsRetryable);
        Assert.Equal("insufficient_quota", ex.ErrorCode);
        Assert.Contains("Retrying will not help", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_RateLimitBody_CarriesCodeMessageAndRetryAfter()
    {
        AiException ex = Map(429, OpenAIBody("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
            ("retry-after", "2"), ("x-request-id", "req_abc"));

        Assert.Equal(AiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), ex.RetryAfter);
        Assert.Equal("rate_limit_exceeded", ex.ErrorCode);
        Assert.Equal("Rate limit reached for requests", ex.ProviderMessage);
        Assert.Equal("req_abc", ex.RequestId);
        Assert.Contains("wait 2 s", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retry-after-ms", "1500", 1500)]
    [InlineData("x-ms-retry-after-ms", "250", 250)]
    [InlineData("retry-after", "2", 2000)]
    [InlineData("retry-after", "0.5", 500)]
    [InlineData("retry-after", "Tue, 24 Nov 2026 12:00:30 GMT", 30000)]
    [InlineData("retry-after", "Tue, 24 Nov 2026 11:59:00 GMT", 0)]
    public void FromResponse_RetryHints_AreParsed(string header, string value, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Map(429, null, (header, value)).RetryAfter);
    }

    [Fact]
    public void FromResponse_RetryAfterMs_WinsOverRetryAfter()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Map(429, null, ("retry-after", "9"), ("retry-after-ms", "1500")).RetryAfter);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("-3")]
    public void FromResponse_UnusableRetryAfter_IsIgnored(string value)
    {
        Assert.Null(Map(429, null, ("retry-after", value)).RetryAfter);
    }

    [Theory]
    [InlineData(503, "false", false)]
    [InlineData(400, "true", true)]
    public void FromResponse_XShouldRetry_OverridesEitherWay(int status, string hint, bool expected)
    {
        Assert.Equal(expected, Map(status, null, ("x-should-retry", hint)).IsRetryable);
    }

    [Fact]
    public void FromResponse_ContextLength_IsItsOwnKind()
    {
        AiException ex = Map(400, OpenAIBody("This model's maximum context length is 128000 tokens.", "invalid_request_error", "context_length_exceeded", "messages"));
        Assert.Equal(AiErrorKind.ContextLengthExceeded, ex.Kind);
        Assert.Equal("messages", ex.Parameter);
    }

    [Fact]
    public void FromResponse_ModelNotFound_IsNotFound()
    {
        AiException ex = Map(404, OpenAIBody("The model `gpt-4o` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"));
        Assert.Equal(AiErrorKind.NotFound, ex.Kind);
        Assert.Contains("Check the model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_BadParam_NamesIt()
    {
        AiException ex = Map(400, OpenAIBody("Unsupported value: 'temperature' does not support 0.01 with this model.", "invalid_request_error", "unsupported_value", "temperature"));
        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal("temperature", ex.Parameter);
        Assert.Contains("Fix the 'temperature' value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_AzureContentFilter_IsContentFilteredWithTheCategories()
    {
        const string body = "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"},\"jailbreak\":{\"filtered\":true,\"detected\":true},\"violence\":{\"filtered\":false,\"severity\":\"safe\"}}}}}";

        AiException ex = Map(400, body);

        Assert.Equal(AiErrorKind.ContentFiltered, ex.Kind);
        Assert.False(ex.IsRetryable);
        Assert.Contains("Filtered categories: jailbreak.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_AzureStringCodes_AreRead()
    {
        AiException notFound = Map(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}");
        Assert.Equal(AiErrorKind.NotFound, notFound.Kind);
        Assert.Equal("DeploymentNotFound", notFound.ErrorCode);

        AiException limited = Map(429, "{\"error\":{\"code\":\"429\",\"message\":\"Please retry after 86400 seconds.\"}}", ("retry-after", "86400"));
        Assert.Equal(AiErrorKind.RateLimited, limited.Kind);
        Assert.Equal(TimeSpan.FromDays(1), limited.RetryAfter);
    }

    [Fact]
    public void FromResponse_AnthropicBodies_AreRead()
    {
        AiException overloaded = Map(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", ("request-id", "req_011"));
        Assert.Equal(AiErrorKind.Overloaded, overloaded.Kind);
        Assert.True(overloaded.IsRetryable);
        Assert.Equal("overloaded_error", overloaded.ErrorCode);
        Assert.Equal("req_011", overloaded.RequestId);

        AiException tooLong = Map(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}}");
        Assert.Equal(AiErrorKind.ContextLengthExceeded, tooLong.Kind);

        AiException credit = Map(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}");
        Assert.Equal(AiErrorKind.QuotaExceeded, credit.Kind);
    }

    [Fact]
    public void FromResponse_GeminiBodies_AreRead()
    {
        const string daily = "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaId\":\"GenerateRequestsPerDayPerProjectPerModel-FreeTier\"}]},{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"52s\"}]}}";
        AiException quota = Map(429, daily);
        Assert.Equal(AiErrorKind.QuotaExceeded, quota.Kind);
        Assert.False(quota.IsRetryable);
        Assert.Equal(TimeSpan.FromSeconds(52), quota.RetryAfter);

        const string perMinute = "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted.\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"20s\"}]}}";
        AiException limited = Map(429, perMinute);
        Assert.Equal(AiErrorKind.RateLimited, limited.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), limited.RetryAfter);

        AiException badKey = Map(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}]}}");
        Assert.Equal(AiErrorKind.Authentication, badKey.Kind);

        AiException unavailable = Map(503, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\",\"status\":\"UNAVAILABLE\"}}");
        Assert.Equal(AiErrorKind.Overloaded, unavailable.Kind);
    }

    [Fact]
    public void FromResponse_NonJsonBody_BecomesTheShortenedMessage()
    {
        AiException ex = Map(502, "<html><body>Bad Gateway</body></html>");
        Assert.Equal(AiErrorKind.ServerError, ex.Kind);
        Assert.Equal("<html><body>Bad Gateway</body></html>", ex.ProviderMessage);
    }

    [Fact]
    public void FromResponse_KeysInTheProviderMessage_AreRedacted()
    {
        const string key = "sk-proj-AbCdEf1234567890";
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        AiException ex = ProviderErrorMapper.FromResponse(OpenAI, response,
            OpenAIBody($"Incorrect API key provided: {key}. Also sk-VKMIs***...wjh3.", "invalid_request_error", "invalid_api_key"), Now, key);

        Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-VKMIs", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, ex.ProviderMessage!, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided: ***", ex.ProviderMessage!, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStreamError_OpenAIAndAnthropicShapes_AreRead()
    {
        AiException openai = ProviderErrorMapper.FromStreamError(OpenAI,
            "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}", "req_1", null);
        Assert.Equal(AiErrorKind.StreamInterrupted, openai.Kind);
        Assert.Equal("server_error", openai.ErrorCode);
        Assert.Contains("partial answer was discarded", openai.Message, StringComparison.Ordinal);

        AiException anthropic = ProviderErrorMapper.FromStreamError(new ProviderInfo("anthropic", "Anthropic", "ANTHROPIC_API_KEY"),
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", null, null);
        Assert.Equal(AiErrorKind.Overloaded, anthropic.Kind);
        Assert.True(anthropic.IsRetryable);
        Assert.Null(anthropic.StatusCode);
    }
}
