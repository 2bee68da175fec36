// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator;

/// <summary>Runs a scenario for any dialect: latency, faults before the answer, then the answer (streamed or not) with stream faults.</summary>
public static class ScenarioRunner
{
    /// <summary>Answers a chat request.</summary>
    public static async Task RunChatAsync(HttpContext context, SimulatorState state, IWireDialect dialect, SimRequest request)
    {
        Scenario scenario = Scenario.From(context.Request, request.Model);
        if (await HandleFaultsAsync(context, state, dialect, scenario, request.Model))
        {
            return;
        }

        SimReply reply = ReplyPlanner.Plan(scenario, request);
        if (request.Stream)
        {
            var plan = new StreamPlan(
                HeaderInt(context, "x-sim-chunks"),
                TimeSpan.FromMilliseconds(HeaderInt(context, "x-sim-chunk-delay-ms") ?? 0),
                scenario.Name == "cut" ? scenario.ArgInt(2) : null,
                scenario.Name == "malformed" ? scenario.ArgInt(2) : null,
                scenario.Name == "midstream" ? scenario.ArgInt(2) : null,
                context.Request.Headers["x-sim-gate"].ToString() is { Length: > 0 } gate ? ct => state.WaitAtGateAsync(gate, ct) : null);
            await dialect.WriteChatStreamAsync(context, request, reply, plan);
            return;
        }

        if (scenario.Name == "cut")
        {
            // A body cut half-way: headers and part of the JSON, then the connection is aborted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\":\"cut\",\"choices\":[{\"index\":0,\"mess");
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        await dialect.WriteChatAsync(context, request, reply);
    }

    /// <summary>Answers an embeddings request with deterministic vectors.</summary>
    public static async Task RunEmbeddingsAsync(HttpContext context, SimulatorState state, IWireDialect dialect, string model, IReadOnlyList<string> inputs, int? dimensions, bool base64)
    {
        Scenario scenario = Scenario.From(context.Request, model);
        if (await HandleFaultsAsync(context, state, dialect, scenario, model))
        {
            return;
        }

        int dims = dimensions ?? DeterministicEmbedding.DefaultDimensions;
        var vectors = new List<float[]>(inputs.Count);
        int chars = 0;
        foreach (string input in inputs)
        {
            vectors.Add(DeterministicEmbedding.Create(input, dims));
            chars += input.Length;
        }

        await dialect.WriteEmbeddingsAsync(context, model, vectors, Math.Max(1, (chars + 3) / 4), base64);
    }

    /// <summary>Applies latency and the scenarios that answer before any content. Returns whether the response is complete.</summary>
    public static async Task<bool> HandleFaultsAsync(HttpContext context, SimulatorState state, IWireDialect dialect, Scenario scenario, string? model)
    {
        int latency = HeaderInt(context, "x-sim-latency-ms") ?? (scenario.Name == "slow" ? scenario.ArgInt(1000) : 0);
        if (latency > 0)
        {
            try
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        }

        switch (scenario.Name)
        {
            case "reset":
                context.Abort();
                return true;
            case "error":
                await dialect.WriteErrorAsync(context, SimError.ForStatus(scenario.ArgInt(500)));
                return true;
            case "ratelimit":
            {
                int seconds = scenario.ArgInt(1);
                context.Response.Headers["retry-after"] = seconds.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["retry-after-ms"] = (seconds * 1000).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["x-ratelimit-limit-requests"] = "60";
                context.Response.Headers["x-ratelimit-remaining-requests"] = "0";
                context.Response.Headers["x-ratelimit-reset-requests"] = seconds.ToString(CultureInfo.InvariantCulture) + "s";
                await dialect.WriteErrorAsync(context, SimError.ForStatus(429));
                return true;
            }

            case "blocked":
                // The prompt was refused by the provider's safety filter (Azure OpenAI: 400 content_filter with the categories).
                await dialect.WriteErrorAsync(context, new SimError(400, "content_filter", "The response was filtered due to the prompt triggering the content management policy."));
                return true;
            case "quota":
                await dialect.WriteErrorAsync(context, new SimError(429, "quota", "You exceeded your current quota, please check your plan and billing details."));
                return true;
            case "overloaded":
                await dialect.WriteErrorAsync(context, new SimError(529, "overloaded", "Overloaded"));
                return true;
            case "context":
                await dialect.WriteErrorAsync(context, new SimError(400, "context_length", "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."));
                return true;
            case "noretry":
                context.Response.Headers["x-should-retry"] = "false";
                await dialect.WriteErrorAsync(context, SimError.ForStatus(503));
                return true;
            case "flaky":
            {
                // flaky-<n>[-<status>]: the first n attempts per key fail with <status> (default 503), then the text answer.
                string key = context.Request.Headers["x-sim-key"].ToString() is { Length: > 0 } k ? k : model ?? "flaky";
                int failures = scenario.ArgInt(2);
                string[] parts = (scenario.Arg ?? string.Empty).Split('-');
                int status = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : 503;
                if (state.NextAttempt(key) <= failures)
                {
                    if (status == 429)
                    {
                        context.Response.Headers["retry-after-ms"] = "10";
                    }

                    await dialect.WriteErrorAsync(context, SimError.ForStatus(status));
                    return true;
                }

                return false;
            }

            default:
                return false;
        }
    }

    private static int? HeaderInt(HttpContext context, string name) =>
        int.TryParse(context.Request.Headers[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
}
