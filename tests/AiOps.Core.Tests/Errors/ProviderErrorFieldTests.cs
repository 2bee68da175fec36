// Licensed under the MIT License.

using System;
using System.Net;
using System.Net.Http;

namespace AiOps.Tests.Errors;

/// <summary>The field a provider's error is about reaches <see cref="AiException.Parameter"/> whatever the wire's way of saying it:
/// OpenAI's <c>param</c>, Gemini's <c>BadRequest.fieldViolations</c>, the field Anthropic names at the start of its message, and
/// <c>model</c> for a 404 about an unknown model or deployment.</summary>
public sealed class ProviderErrorFieldTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static AiException Map(int status, string body)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        return ProviderErrorMapper.FromResponse(new ProviderInfo("p", "Provider", "P_API_KEY"), response, body, Now, secret: null);
    }

    [Theory]
    [InlineData("temperature: range: -1 or 0..1", "temperature")]
    [InlineData("messages.1.content.0.tool_result: unexpected tool_use_id", "messages.1.content.0.tool_result")]
    [InlineData("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024", "thinking.enabled.budget_tokens")]
    [InlineData("max_tokens: Field required", "max_tokens")]
    [InlineData("`temperature` and `top_p` cannot both be specified for this model. Please use only one.", null)]
    [InlineData("anthropic-version: header is required", null)]
    [InlineData("Overloaded", null)]
    public void Anthropic_names_the_field_at_the_start_of_its_message(string message, string? field)
    {
        AiException ex = Map(400, $$"""{"type":"error","error":{"type":"invalid_request_error","message":"{{message}}"},"request_id":"req_1"}""");

        Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(field, ex.Parameter);
        Assert.Equal(message, ex.ProviderMessage);
    }

    [Fact]
    public void A_message_that_merely_looks_like_a_field_is_not_read_as_one_outside_Anthropic_bodies()
    {
        AiException ex = Map(400, """{"error":{"message":"messages: too many","type":"invalid_request_error","param":null,"code":null}}""");

        Assert.Null(ex.Parameter);
    }

    [Theory]
    [InlineData("""{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""")]
    [InlineData("""{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}""")]
    [InlineData("""{"type":"error","error":{"type":"not_found_error","message":"model: claude-9"},"request_id":"req_1"}""")]
    [InlineData("""{"error":{"code":404,"message":"models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.","status":"NOT_FOUND"}}""")]
    public void A_404_about_an_unknown_model_names_the_model(string body)
    {
        AiException ex = Map(404, body);

        Assert.Equal(AiErrorKind.NotFound, ex.Kind);
        Assert.Equal("model", ex.Parameter);
    }

    [Fact]
    public void A_404_about_something_else_names_no_field()
    {
        AiException ex = Map(404, """{"error":{"code":"404","message":"Resource not found"}}""");

        Assert.Equal(AiErrorKind.NotFound, ex.Kind);
        Assert.Null(ex.Parameter);
    }
}
