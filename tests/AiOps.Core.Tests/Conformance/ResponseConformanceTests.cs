// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Equivalent native answers — the simulator writes one planned answer in each provider's own wire format — become equal
/// canonical results: text, finish reason, <see cref="FunctionCallContent"/> with parsed arguments and the wire's ids, and usage, the
/// same whether the answer was streamed or not.</summary>
public sealed class ResponseConformanceTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    /// <summary>The canonical result of each scenario, the same for every provider. Usage: every wire reports the prompt including
    /// cached tokens and the output including reasoning (AiOps adds up Anthropic's and Gemini's separate counts).</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["text"] = """{"text":"Hello from the AiOps simulator.","finish":"stop","calls":[],"usage":{"input":PROMPT,"output":5,"total":TOTAL,"cached":CACHED,"reasoning":REASONING}}""",
        ["length"] = """{"text":"This answer was cut by the token li","finish":"length","calls":[],"usage":{"input":PROMPT,"output":8,"total":TOTAL,"cached":CACHED,"reasoning":REASONING}}""",
        ["tools-parallel"] = """
            {"text":"","finish":"tool_calls","calls":[
              {"name":"get_weather","arguments":{"city":"sample","unit":"celsius"},"exception":null},
              {"name":"get_time","arguments":{"city":"sample"},"exception":null}],
             "usage":{"input":PROMPT,"output":20,"total":TOTAL,"cached":CACHED,"reasoning":REASONING}}
            """,
        ["usage"] = """{"text":"Hello from the AiOps simulator.","finish":"stop","calls":[],"usage":{"input":100,"output":50,"total":150,"cached":40,"reasoning":20}}""",
        ["cache"] = """{"text":"Hello from the AiOps simulator.","finish":"stop","calls":[],"usage":{"input":2100,"output":6,"total":2106,"cached":1800,"reasoning":REASONING}}""",
    };

    public static TheoryData<string, string, bool> Cases
    {
        get
        {
            var data = new TheoryData<string, string, bool>();
            foreach (ProviderCase c in ProviderCases.All)
            {
                foreach (string scenario in Expected.Keys)
                {
                    data.Add(c.Name, scenario, false);
                    data.Add(c.Name, scenario, true);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Equivalent_native_answers_give_equal_canonical_results(string provider, string scenario, bool stream)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, scenario);
        var options = new ChatOptions { ModelId = CanonicalChat.Model, Tools = [CanonicalChat.WeatherTool, CanonicalChat.TimeTool] };

        ChatResponse response = await client.AskAsync([new ChatMessage(ChatRole.User, "What is the weather in Paris?")], options, stream);

        JsonAssert.Equal(ExpectedFor(c, scenario, response), CanonicalResult.Describe(response));
        if (!stream)
        {
            // Streamed, the provider id rides on the first update (StreamConformanceTests).
            Assert.Equal(c.ProviderId, response.AdditionalProperties?[AiResponseProperties.Provider]);
        }

        Assert.Equal(CanonicalChat.Model, response.ModelId);
        Assert.False(string.IsNullOrEmpty(response.ResponseId));
        Assert.All(response.Messages, m => Assert.Equal(ChatRole.Assistant, m.Role));
        IReadOnlyList<string> ids = CanonicalResult.CallIds(response);
        for (int i = 0; i < ids.Count; i++)
        {
            Assert.Matches(c.CallId(i), ids[i]);
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ProviderCases.Names), MemberType = typeof(ProviderCases))]
    public async Task A_filtered_answer_finishes_with_content_filter_and_no_text(string provider)
    {
        ProviderCase c = ProviderCases.Get(provider);
        var client = new ConformanceClient(sim, c, "filtered");
        ChatMessage[] ask = [new(ChatRole.User, "Something the filter blocks.")];

        ChatResponse plain = await client.AskAsync(ask, new ChatOptions { ModelId = CanonicalChat.Model }, stream: false);
        ChatResponse streamed = await client.AskAsync(ask, new ChatOptions { ModelId = CanonicalChat.Model }, stream: true);

        foreach (ChatResponse response in new[] { plain, streamed })
        {
            Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
            Assert.Equal(string.Empty, response.Text);
            Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        }
    }

    /// <summary>Fills the provider-dependent numbers: the simulated prompt count (characters / 4 of what the wire carried, so it differs
    /// per wire) and the counts a wire does not report (Anthropic has no reasoning count; Gemini omits zero counts).</summary>
    private static string ExpectedFor(ProviderCase c, string scenario, ChatResponse response)
    {
        UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
        long prompt = Assert.IsType<long>(usage.InputTokenCount);
        Assert.True(prompt > 0, "The prompt token count must be reported.");
        long output = Assert.IsType<long>(usage.OutputTokenCount);
        string text = Expected[scenario]
            .Replace("PROMPT", prompt.ToString(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal)
            .Replace("TOTAL", (prompt + output).ToString(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        string zero = c.ReportsZeroCounts ? "0" : "null";
        text = text.Replace("CACHED", zero, System.StringComparison.Ordinal);
        text = text.Replace("REASONING", c.ReportsReasoningTokens ? zero : "null", System.StringComparison.Ordinal);
        if (!c.ReportsReasoningTokens)
        {
            text = text.Replace("\"reasoning\":20", "\"reasoning\":null", System.StringComparison.Ordinal);
        }

        return text;
    }
}
