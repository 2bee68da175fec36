// Licensed under the MIT License.

using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>A value only the provider can judge goes through, and the provider's own 400 (a temperature out of its range) or 404 (an
/// unknown model or deployment) comes back as <see cref="AiErrorKind.InvalidRequest"/> / <see cref="AiErrorKind.NotFound"/> naming the
/// provider, the field and the provider's own message — streamed or not.</summary>
public sealed class ProviderErrorConformanceTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [MemberData(nameof(ProviderCases.NamesAndStreaming), MemberType = typeof(ProviderCases))]
    public async Task A_temperature_the_provider_rejects_is_sent_and_its_400_names_provider_field_and_message(string provider, bool stream)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, "error-400");

        // 1.7 is valid for OpenAI and Gemini and out of range for Anthropic: AiOps never range-checks it (STYLE rule 8); the provider does.
        AiException ex = await AskAsync(client, new ChatOptions { ModelId = CanonicalChat.Model, Temperature = 1.7f }, stream);

        (string parameter, string message) = c.TemperatureRejected;
        AssertNamed(c, ex, AiErrorKind.InvalidRequest, 400, parameter, message);
        Assert.Contains("1.7", Assert.Single(client.Requests()).Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProviderCases.NamesAndStreaming), MemberType = typeof(ProviderCases))]
    public async Task An_unknown_model_comes_back_as_not_found_naming_provider_model_and_message(string provider, bool stream)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, "error-404");

        AiException ex = await AskAsync(client, new ChatOptions { ModelId = "sim-missing" }, stream);

        (string parameter, string message) = c.UnknownModel;
        AssertNamed(c, ex, AiErrorKind.NotFound, 404, parameter, message);
    }

    private static void AssertNamed(ProviderCase c, AiException ex, AiErrorKind kind, int status, string parameter, string providerMessage)
    {
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(c.ProviderId, ex.Provider);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(parameter, ex.Parameter);
        Assert.Equal(providerMessage, ex.ProviderMessage);
        Assert.False(ex.IsRetryable);

        // The message a person reads names all three: who answered, what they said, and the field.
        Assert.Contains(c.Provider.DisplayName, ex.Message, StringComparison.Ordinal);
        Assert.Contains(providerMessage.Trim().TrimEnd('.'), ex.Message, StringComparison.Ordinal);
        Assert.Contains(kind == AiErrorKind.NotFound ? "model" : $"'{parameter}'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(c.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    private static async Task<AiException> AskAsync(ConformanceClient client, ChatOptions options, bool stream) =>
        await Assert.ThrowsAsync<AiException>(() => client.AskAsync([new ChatMessage(ChatRole.User, "Hi")], options, stream));
}
