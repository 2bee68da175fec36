// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace AiOps.Tests.Conformance;

/// <summary>Every provider (and surface) the cross-provider conformance suite runs against. Adding a provider: one line here and
/// a <see cref="ProviderCase"/> with its wire facts.</summary>
internal static class ProviderCases
{
    /// <summary>Gets every case.</summary>
    public static IReadOnlyList<ProviderCase> All { get; } =
    [
        new OpenAICase(),
        new AzureOpenAIV1Case(),
        new AzureOpenAIDeploymentsCase(),
        new OpenAICompatibleCase(),
        new OllamaCase(),
        new AnthropicCase(),
        new GeminiCase(),
    ];

    /// <summary>Gets the case names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (ProviderCase c in All)
            {
                data.Add(c.Name);
            }

            return data;
        }
    }

    /// <summary>Gets the case names crossed with streamed / not streamed.</summary>
    public static TheoryData<string, bool> NamesAndStreaming
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (ProviderCase c in All)
            {
                data.Add(c.Name, false);
                data.Add(c.Name, true);
            }

            return data;
        }
    }

    /// <summary>Gets a case by name.</summary>
    public static ProviderCase Get(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No conformance case is named '{name}'.", nameof(name));
}
