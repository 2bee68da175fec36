// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>The provider-neutral part of a <see cref="ChatResponse"/> as one JSON document — text, finish reason, tool calls (name and
/// parsed arguments), usage — so that answers from different providers compare with one assertion and a readable diff.</summary>
internal static class CanonicalResult
{
    /// <summary>Describes a response. Call ids are left out (each wire has its own); <see cref="CallIds"/> returns them.</summary>
    public static string Describe(ChatResponse response)
    {
        var calls = new JsonArray();
        foreach (FunctionCallContent call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            calls.Add(new JsonObject
            {
                ["name"] = call.Name,
                ["arguments"] = JsonSerializer.SerializeToNode(call.Arguments, AIJsonUtilities.DefaultOptions),
                ["exception"] = call.Exception?.Message,
            });
        }

        UsageDetails? usage = response.Usage;
        var result = new JsonObject
        {
            ["text"] = response.Text,
            ["finish"] = response.FinishReason?.Value,
            ["calls"] = calls,
            ["usage"] = usage is null ? null : new JsonObject
            {
                ["input"] = usage.InputTokenCount,
                ["output"] = usage.OutputTokenCount,
                ["total"] = usage.TotalTokenCount,
                ["cached"] = usage.CachedInputTokenCount,
                ["reasoning"] = usage.ReasoningTokenCount,
            },
        };
        return result.ToJsonString();
    }

    /// <summary>Gets the call ids of a response, in order.</summary>
    public static IReadOnlyList<string> CallIds(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.CallId).ToList();
}
