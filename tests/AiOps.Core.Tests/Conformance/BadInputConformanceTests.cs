// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Input a provider cannot express fails with <see cref="AiErrorKind.InvalidRequest"/> naming the provider and the field, before
/// anything is sent — on the call itself, streamed or not; input it can express is sent. Each provider declares which canonical inputs
/// it refuses (<see cref="ProviderCase.CannotExpress"/>) and its own mistyped options.</summary>
public sealed class BadInputConformanceTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> CanonicalCases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (ProviderCase c in ProviderCases.All)
            {
                foreach (string input in CanonicalBadInput.All)
                {
                    data.Add(c.Name, input);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, int> MistypedCases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (ProviderCase c in ProviderCases.All)
            {
                for (int i = 0; i < c.MistypedOptions.Count; i++)
                {
                    data.Add(c.Name, i);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Every_provider_says_what_it_does_with_every_canonical_input()
    {
        foreach (ProviderCase c in ProviderCases.All)
        {
            Assert.Equal(CanonicalBadInput.All, CanonicalBadInput.All.Where(c.CannotExpress.ContainsKey));
            Assert.Equal(CanonicalBadInput.All.Count, c.CannotExpress.Count);
        }
    }

    [Theory]
    [MemberData(nameof(CanonicalCases))]
    public async Task Input_the_provider_cannot_express_fails_before_sending_and_input_it_can_express_is_sent(string provider, string input)
    {
        ProviderCase c = ProviderCases.Get(provider);
        string? parameter = c.CannotExpress[input];
        (List<ChatMessage> messages, ChatOptions options) = CanonicalBadInput.Build(input);

        if (parameter is null)
        {
            var client = new ConformanceClient(sim, c);
            _ = await client.Chat.GetResponseAsync(messages, options);
            _ = Assert.Single(client.Requests());
            return;
        }

        await AssertRefusedAsync(c, messages, options, parameter);
    }

    [Theory]
    [MemberData(nameof(MistypedCases))]
    public async Task A_provider_option_of_the_wrong_kind_fails_before_sending_naming_the_option(string provider, int index)
    {
        ProviderCase c = ProviderCases.Get(provider);
        (string key, object value, string parameter) = c.MistypedOptions[index];
        var options = new ChatOptions { ModelId = CanonicalChat.Model, AdditionalProperties = new() { [key] = value } };

        await AssertRefusedAsync(c, [new ChatMessage(ChatRole.User, "Hi")], options, parameter);
    }

    [Theory]
    [MemberData(nameof(ProviderCases.Names), MemberType = typeof(ProviderCases))]
    public async Task Another_providers_options_are_ignored(string provider)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c);
        var options = new ChatOptions { ModelId = CanonicalChat.Model, AdditionalProperties = [] };
        foreach (ProviderCase other in ProviderCases.All)
        {
            if (other.ProviderId != c.ProviderId && !(other is OpenAIFamilyCase && c is OpenAIFamilyCase))
            {
                foreach ((string key, object value, string _) in other.MistypedOptions)
                {
                    options.AdditionalProperties[key] = value;
                }
            }
        }

        ChatResponse response = await client.Chat.GetResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options);

        Assert.Equal("Hello from the AiOps simulator.", response.Text);
        Assert.DoesNotContain("lots", client.Single().Body, StringComparison.Ordinal);
    }

    /// <summary>Asserts both the plain and the streamed call fail at the call (not at the first <c>MoveNextAsync</c>) and send nothing.</summary>
    private async Task AssertRefusedAsync(ProviderCase c, List<ChatMessage> messages, ChatOptions options, string parameter)
    {
        var client = new ConformanceClient(sim, c);

        AiException plain = await Assert.ThrowsAsync<AiException>(() => client.Chat.GetResponseAsync(messages, options));
        AiException streamed = Assert.Throws<AiException>(() => client.Chat.GetStreamingResponseAsync(messages, options));

        foreach (AiException ex in new[] { plain, streamed })
        {
            Assert.Equal(AiErrorKind.InvalidRequest, ex.Kind);
            Assert.Equal(c.ProviderId, ex.Provider);
            Assert.Equal(parameter, ex.Parameter);
            Assert.Null(ex.StatusCode);
            Assert.EndsWith("Nothing was sent.", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(client.Requests());
    }
}
