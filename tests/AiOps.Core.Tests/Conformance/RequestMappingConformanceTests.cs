// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>One canonical <see cref="ChatMessage"/> list and <see cref="ChatOptions"/> (system prompt, images inline and by URL, a tool
/// call and its result, sampling, an output cap, a stop sequence, a tool with automatic choice, a JSON schema) produce each provider's
/// exact native request — URL, credentials and body — streamed or not.</summary>
public sealed class RequestMappingConformanceTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [MemberData(nameof(ProviderCases.NamesAndStreaming), MemberType = typeof(ProviderCases))]
    public async Task The_canonical_request_becomes_the_providers_exact_native_request(string provider, bool stream)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, scenario: "json");

        ChatResponse response = await client.AskAsync(CanonicalChat.Messages(), CanonicalChat.Options(), stream);

        RecordedRequest request = client.Single();
        (string path, string query) = c.ChatRoute(CanonicalChat.Model, stream);
        Assert.Equal("POST", request.Method);
        Assert.Equal(path, request.Path);
        Assert.Equal(query, request.Query);
        foreach (KeyValuePair<string, string> header in c.AuthHeaders)
        {
            Assert.Equal(header.Value, request.Headers[header.Key]);
        }

        JsonAssert.Equal(WithMembers(c.CanonicalRequest, stream ? c.StreamMembers : "{}"), request.Body);

        // The simulator answered from the schema it found in the provider's own schema field: the same JSON on every provider.
        JsonAssert.Equal("""{"city":"sample","temperature":1.5,"summary":"sample"}""", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Theory]
    [MemberData(nameof(ProviderCases.Names), MemberType = typeof(ProviderCases))]
    public async Task The_canonical_request_does_not_change_the_callers_messages_or_options(string provider)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c);
        List<ChatMessage> messages = CanonicalChat.Messages();
        ChatOptions options = CanonicalChat.Options();
        string before = JsonSerializer.Serialize(messages, AIJsonUtilities.DefaultOptions) + JsonSerializer.Serialize(options, AIJsonUtilities.DefaultOptions);

        _ = await client.AskAsync(messages, options, stream: false);

        Assert.Equal(before, JsonSerializer.Serialize(messages, AIJsonUtilities.DefaultOptions) + JsonSerializer.Serialize(options, AIJsonUtilities.DefaultOptions));
    }

    /// <summary>Adds the members of <paramref name="extra"/> to the object <paramref name="json"/>.</summary>
    internal static string WithMembers(string json, string extra)
    {
        JsonObject target = JsonNode.Parse(json)!.AsObject();
        foreach (KeyValuePair<string, JsonNode?> member in JsonNode.Parse(extra)!.AsObject())
        {
            target[member.Key] = member.Value?.DeepClone();
        }

        return target.ToJsonString();
    }
}
