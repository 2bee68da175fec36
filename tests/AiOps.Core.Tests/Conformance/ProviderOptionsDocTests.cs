// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Keeps the table of provider-specific options in docs/providers.md true: each provider's row lists exactly the
/// <c>ChatOptions.AdditionalProperties</c> keys its code honours, and each of them changes what is sent.</summary>
public sealed class ProviderOptionsDocTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Heading = "### Provider-specific options (`ChatOptions.AdditionalProperties`)";

    public static TheoryData<string, string> Options
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (ProviderCase c in ProviderCases.All)
            {
                foreach (string key in c.OptionSamples.Keys)
                {
                    data.Add(c.Name, key);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ProviderCases.Names), MemberType = typeof(ProviderCases))]
    public void The_documented_keys_are_exactly_the_keys_the_provider_honours(string provider)
    {
        ProviderCase c = ProviderCases.Get(provider);

        IReadOnlyList<string> documented = DocumentedKeys(c.OptionsRow);

        Assert.Equal(c.OptionSamples.Keys.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Each_documented_key_changes_what_is_sent(string provider, string key)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var plain = new ConformanceClient(sim, c);
        var with = new ConformanceClient(sim, c);

        _ = await plain.Chat.GetResponseAsync(Ask(), Request(null));
        _ = await with.Chat.GetResponseAsync(Ask(), Request((key, c.OptionSamples[key])));

        RecordedRequest a = plain.Single();
        RecordedRequest b = with.Single();
        Assert.True(
            a.Body != b.Body || Header(a, "anthropic-beta") != Header(b, "anthropic-beta"),
            $"Setting '{key}' on {c.Name} changed nothing that was sent: {b.Body}");
    }

    private static List<ChatMessage> Ask() => [new(ChatRole.System, "Be terse."), new(ChatRole.User, "What is the weather in Paris?")];

    private static ChatOptions Request((string Key, object Value)? option)
    {
        var options = new ChatOptions
        {
            ModelId = CanonicalChat.Model,
            Tools = [CanonicalChat.WeatherTool],
        };
        if (option is (string key, object value))
        {
            options.AdditionalProperties = new() { [key] = value };
        }

        return options;
    }

    private static string? Header(RecordedRequest request, string name) => request.Headers.TryGetValue(name, out string? v) ? v : null;

    private static IReadOnlyList<string> DocumentedKeys(string row)
    {
        string[] lines = File.ReadAllLines(ProviderMatrix.DocPath);
        int at = Array.FindIndex(lines, l => l.Trim() == Heading);
        Assert.True(at >= 0, $"docs/providers.md has no '{Heading}' heading.");
        string? line = lines.Skip(at).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal) || l == lines[at])
            .FirstOrDefault(l => l.StartsWith("| " + row + " |", StringComparison.Ordinal));
        Assert.True(line is not null, $"The options table has no row '{row}'.");
        string keys = line!.Split('|', StringSplitOptions.TrimEntries)[2];
        int details = keys.IndexOf("([details]", StringComparison.Ordinal);
        return ProviderMatrix.Names(details < 0 ? keys : keys[..details]);
    }
}
