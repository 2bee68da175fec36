// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Finds out, against the simulator, what a provider does for one column of the docs/providers.md matrix.</summary>
internal static class MatrixProbe
{
    /// <summary>Probes one feature of one provider.</summary>
    public static async Task<Observation> RunAsync(SimulatorFixture sim, ProviderCase c, string column)
    {
        ChatMessage[] hi = [new(ChatRole.User, "Hi")];
        switch (column)
        {
            case "chat":
            {
                var client = new ConformanceClient(sim, c);
                ChatResponse r = await client.Chat.GetResponseAsync(hi, Options());
                return new(r.Text == "Hello from the AiOps simulator.");
            }

            case "stream":
            {
                var client = new ConformanceClient(sim, c, headers: new Dictionary<string, string> { ["x-sim-chunks"] = "4" });
                List<ChatResponseUpdate> updates = await ConformanceClient.CollectAsync(client.Chat.GetStreamingResponseAsync(hi, Options()));
                return new(updates.Count(u => u.Text.Length > 0) == 4 && string.Concat(updates.Select(u => u.Text)) == "Hello from the AiOps simulator.");
            }

            case "tools":
            {
                var client = new ConformanceClient(sim, c, "tools");
                ChatResponse r = await client.Chat.GetResponseAsync(hi, Options(o => o.Tools = [CanonicalChat.WeatherTool]));
                FunctionCallContent? call = r.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().SingleOrDefault();
                return new(call is { Name: "get_weather", Exception: null } && call.Arguments?["city"] is not null, client.Single().Body);
            }

            case "parallel tools":
            {
                var parallel = new ConformanceClient(sim, c, "tools-parallel");
                ChatResponse r = await parallel.Chat.GetResponseAsync(hi, Options(o => o.Tools = [CanonicalChat.WeatherTool, CanonicalChat.TimeTool]));
                bool two = r.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Count() == 2;

                // Where "one call per turn" (AllowMultipleToolCalls = false) goes; no body when the provider refuses it.
                var single = new ConformanceClient(sim, c);
                try
                {
                    _ = await single.Chat.GetResponseAsync(hi, Options(o => { o.Tools = [CanonicalChat.WeatherTool]; o.AllowMultipleToolCalls = false; }));
                    return new(two, single.Single().Body);
                }
                catch (AiException ex) when (ex.Kind == AiErrorKind.InvalidRequest && single.Requests().Count == 0)
                {
                    return new(two, null);
                }
            }

            case "JSON schema":
            {
                var client = new ConformanceClient(sim, c, "json");
                ChatResponse r = await client.Chat.GetResponseAsync(hi, Options(o => o.ResponseFormat = ChatResponseFormat.ForJsonSchema(CanonicalChat.Parse(CanonicalChat.AnswerSchema), "weather_report")));
                using JsonDocument answer = JsonDocument.Parse(r.Text);
                bool conforms = new[] { "city", "temperature", "summary" }.All(p => answer.RootElement.TryGetProperty(p, out _));
                return new(conforms, client.Single().Body);
            }

            case "images":
            {
                var client = new ConformanceClient(sim, c);
                ChatMessage[] ask =
                [
                    new(ChatRole.User, [new TextContent("What is in these pictures?"), new DataContent(CanonicalChat.Png, "image/png"), new UriContent(CanonicalChat.ImageUrl, "image/jpeg")]),
                ];
                ChatResponse r = await client.Chat.GetResponseAsync(ask, Options());
                string body = client.Single().Body;
                return new(r.Text.Length > 0 && body.Contains(CanonicalChat.PngBase64, StringComparison.Ordinal) && body.Contains(CanonicalChat.ImageUrl, StringComparison.Ordinal), body);
            }

            case "reasoning":
            {
                var client = new ConformanceClient(sim, c);
                ChatResponse r = await client.Chat.GetResponseAsync(hi, Options(o => o.Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium }));
                return new(r.Text.Length > 0, client.Single().Body);
            }

            case "prompt caching":
            {
                var client = new ConformanceClient(sim, c, "cache");
                ChatMessage[] ask = [new(ChatRole.System, "You are a terse weather assistant."), new(ChatRole.User, "Hi")];
                (string key, object value) = c.CachingOption;
                ChatResponse r = await client.Chat.GetResponseAsync(ask, Options(o => o.AdditionalProperties = new() { [key] = value }));
                return new(r.Usage?.CachedInputTokenCount == 1800, client.Single().Body);
            }

            case "embeddings":
            {
                var client = new ConformanceClient(sim, c);
                try
                {
                    GeneratedEmbeddings<Embedding<float>> vectors = await client.Embeddings().GenerateAsync(["alpha", "beta"], new EmbeddingGenerationOptions { ModelId = "conformance-embedding" });
                    return new(c.Provider.SupportsEmbeddings && vectors.Count == 2 && vectors.All(v => v.Vector.Length > 0));
                }
                catch (AiException ex) when (ex.Kind == AiErrorKind.NotSupported && client.Requests().Count == 0)
                {
                    return new(false);
                }
            }

            case "usage fields":
            {
                var client = new ConformanceClient(sim, c, "usage");
                UsageDetails usage = (await client.Chat.GetResponseAsync(hi, Options())).Usage ?? new UsageDetails();
                var fields = new List<string>();
                AddIf(fields, "input", usage.InputTokenCount);
                AddIf(fields, "output", usage.OutputTokenCount);
                AddIf(fields, "total", usage.TotalTokenCount);
                AddIf(fields, "cached", usage.CachedInputTokenCount);
                AddIf(fields, "reasoning", usage.ReasoningTokenCount);
                return new(fields.Count > 0, List: fields);
            }

            case "rate-limit headers":
            {
                var client = new ConformanceClient(sim, c, "ratelimit-3");
                AiException ex = await Assert.ThrowsAsync<AiException>(() => client.Chat.GetResponseAsync(hi, Options()));
                Assert.Equal(AiErrorKind.RateLimited, ex.Kind);

                // Whichever way the provider said it (a header, or Gemini's body), the wait reaches RetryAfter.
                Assert.Equal(TimeSpan.FromSeconds(3), ex.RetryAfter);
                IReadOnlyDictionary<string, string> headers = client.LastResponseHeaders();
                bool hinted = headers.Keys.Any(h => h is "retry-after" or "retry-after-ms" or "x-ms-retry-after-ms" || h.StartsWith("anthropic-ratelimit-", StringComparison.Ordinal));
                return new(hinted, Headers: headers);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(column), column, "No probe for this column.");
        }
    }

    /// <summary>Returns whether <paramref name="path"/> (<c>a.b[].c</c>; <c>[]</c> = any element) leads to a value in <paramref name="json"/>.</summary>
    public static bool HasPath(string json, string path)
    {
        IEnumerable<JsonNode?> nodes = [JsonNode.Parse(json)];
        foreach (string segment in path.Split('.'))
        {
            bool each = segment.EndsWith("[]", StringComparison.Ordinal);
            string name = each ? segment[..^2] : segment;
            nodes = nodes
                .Select(n => n is JsonObject o && o.TryGetPropertyValue(name, out JsonNode? v) ? v : null)
                .Where(n => n is not null)
                .SelectMany(n => each ? (n is JsonArray a ? a.AsEnumerable() : []) : [n]);
        }

        return nodes.Any(n => n is not null);
    }

    private static ChatOptions Options(Action<ChatOptions>? configure = null)
    {
        var options = new ChatOptions { ModelId = CanonicalChat.Model };
        configure?.Invoke(options);
        return options;
    }

    private static void AddIf(List<string> fields, string name, long? value)
    {
        if (value is not null)
        {
            fields.Add(name);
        }
    }

    /// <summary>What a probe saw.</summary>
    /// <param name="Supported">Whether the feature worked.</param>
    /// <param name="RequestBody">The native request the feature produced, when it produces one.</param>
    /// <param name="List">The usage fields reported.</param>
    /// <param name="Headers">The headers of the provider's answer.</param>
    internal sealed record Observation(bool Supported, string? RequestBody = null, IReadOnlyList<string>? List = null, IReadOnlyDictionary<string, string>? Headers = null);
}
