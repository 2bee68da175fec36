// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AiOps.Simulator;

/// <summary>Decides what the simulated model answers for a scenario (provider-neutral).</summary>
public static class ReplyPlanner
{
    /// <summary>The answer of the <c>text</c> scenario.</summary>
    public const string DefaultText = "Hello from the AiOps simulator.";

    /// <summary>The reasoning of the <c>thinking</c> scenario (and of any request that turns reasoning on).</summary>
    public const string DefaultReasoning = "The user wants a short answer. I will greet them.";

    /// <summary>Plans the reply; the <c>thinking</c> scenario, or a request that turns reasoning on, adds <see cref="DefaultReasoning"/>.</summary>
    public static SimReply Plan(Scenario scenario, SimRequest request)
    {
        SimReply reply = PlanCore(scenario, request);
        return scenario.Name == "thinking" || request.ThinkingRequested ? reply.WithReasoning(DefaultReasoning) : reply;
    }

    /// <summary>Counts the words of a text (the simulated token count).</summary>
    public static int CountWords(string text) => Math.Max(1, text.Count(c => c == ' ') + 1);

    private static SimReply PlanCore(Scenario scenario, SimRequest request)
    {
        int promptTokens = Math.Max(1, (request.InputChars + 3) / 4);
        switch (scenario.Name)
        {
            case "echo":
                return Text(request.LastUserText, promptTokens);
            case "long":
            {
                int words = Math.Clamp(scenario.ArgInt(400), 1, 100_000);
                var sb = new StringBuilder();
                for (int i = 1; i <= words; i++)
                {
                    sb.Append("word").Append(i);
                    if (i < words)
                    {
                        sb.Append(' ');
                    }
                }

                return Text(sb.ToString(), promptTokens);
            }

            case "length":
                return new SimReply { Text = "This answer was cut by the token li", FinishReason = "length", PromptTokens = promptTokens, CompletionTokens = 8 };
            case "filtered":
                return new SimReply { Text = string.Empty, FinishReason = "content_filter", PromptTokens = promptTokens, CompletionTokens = 0 };
            case "usage":
                // Cached and reasoning tokens, for usage-mapping tests.
                return new SimReply { Text = DefaultText, PromptTokens = 100, CompletionTokens = 50, CachedTokens = 40, ReasoningTokens = 20 };
            case "cache":
                // A prompt-cache hit and write: 2,100 prompt tokens, 1,800 read from the cache, 200 written to it.
                return new SimReply { Text = DefaultText, PromptTokens = 2100, CompletionTokens = 6, CachedTokens = 1800, CacheWriteTokens = 200 };
            case "json":
                return Text(SchemaSample.Generate(request.ResponseSchema)?.ToJsonString() ?? "{}", promptTokens);
            case "badjson":
                return Text("{\"this is\": not json", promptTokens);
            case "tools":
                // tools-always keeps calling the first tool even after results (for iteration-cap tests).
                if (request.ToolResults.Count > 0 && scenario.Arg != "always")
                {
                    return Text("Tool said: " + string.Join(" | ", request.ToolResults), promptTokens);
                }

                if (request.Tools.Count == 0)
                {
                    return Text("No tools were declared.", promptTokens);
                }

                IEnumerable<SimTool> called = scenario.Arg == "parallel" ? request.Tools : request.Tools.Take(1);
                return new SimReply
                {
                    ToolCalls = called.Select((t, i) => new SimToolCall($"call_sim{i + 1}", t.Name, SchemaSample.Generate(t.Parameters)?.ToJsonString() ?? "{}")).ToList(),
                    FinishReason = "tool_calls",
                    PromptTokens = promptTokens,
                    CompletionTokens = 10 * Math.Max(1, called.Count()),
                };
            default:
                return Text(DefaultText, promptTokens);
        }
    }

    private static SimReply Text(string text, int promptTokens) => new()
    {
        Text = text,
        PromptTokens = promptTokens,
        CompletionTokens = CountWords(text),
    };
}
