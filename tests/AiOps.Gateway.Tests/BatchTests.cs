// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Gateway.Tests;

/// <summary>Batch jobs end to end against Azurite: submit, queue, chunk processing, poison handling, status and results.</summary>
public sealed class BatchTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public BatchTests(AzuriteFixture azurite) => _azurite = azurite;

    internal static string ChatLine(string customId, string model, string text) =>
        $$$"""{"custom_id":"{{{customId}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{model}}}","messages":[{"role":"user","content":"{{{text}}}"}]}}""";

    internal static Dictionary<string, string?> Settings(AzuriteFixture azurite, string name) => new()
    {
        ["AIOPS_GATEWAY_KEYS"] = GatewayTestServer.Key,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["AiOps:Gateway:Batch:ContainerName"] = name,
        ["AiOps:Gateway:Batch:QueueName"] = name,
        ["AiOps:Gateway:Batch:ChunkSize"] = "100",
        ["AiOps:Gateway:Batch:MaxDequeueCount"] = "3",
        ["AiOps:Gateway:Batch:RetryDelay"] = "0s",
        ["AiOps:Gateway:Batch:PollInterval"] = "50ms",
        ["AI_MAX_RETRIES"] = "1",
        ["AI_RETRY_BACKOFF"] = "1ms",
        ["AI_CIRCUIT_BREAKER"] = "false",
    };

    internal static string UniqueName() => "t" + Guid.NewGuid().ToString("N")[..20];

    internal static async Task<JsonElement> WaitForFinishAsync(GatewayTestServer server, string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            using HttpResponseMessage response = await server.GetAsync("/api/batches/" + id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (status.GetProperty("status").GetString() is "completed" or "failed")
            {
                return status;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    [Fact]
    public async Task A_thousand_line_job_with_transient_faults_and_a_dead_chunk_gives_every_line_exactly_one_result()
    {
        var test = new ScriptedProvider();
        string name = UniqueName();
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(Settings(_azurite, name), [test], o => o.DefaultProvider = test.Id);

        var input = new StringBuilder();
        for (int i = 1; i <= 1000; i++)
        {
            // Lines 701–800 (chunk 7) always fail with a retryable 500; every fifth line elsewhere fails once (20% transient faults).
            string model = i is > 700 and <= 800 ? "fail-ServerError" : i % 5 == 0 ? $"flaky-{i}" : "echo";
            input.Append(ChatLine($"req-{i}", model, $"line {i}")).Append('\n');
        }

        using HttpResponseMessage submit = await server.PostAsync("/api/batches", input.ToString());
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        JsonElement accepted = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement;
        string id = accepted.GetProperty("id").GetString()!;
        Assert.Equal("/api/batches/" + id, submit.Headers.Location!.OriginalString);
        Assert.Equal(1000, accepted.GetProperty("request_counts").GetProperty("total").GetInt32());
        Assert.Equal(10, accepted.GetProperty("chunks").GetProperty("total").GetInt32());

        JsonElement status = await WaitForFinishAsync(server, id);

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal((1000, 900, 100), (status.GetProperty("request_counts").GetProperty("total").GetInt32(), status.GetProperty("request_counts").GetProperty("completed").GetInt32(), status.GetProperty("request_counts").GetProperty("failed").GetInt32()));
        JsonElement failedChunk = Assert.Single(status.GetProperty("failed_chunks").EnumerateArray());
        Assert.Equal((7, 701, 100), (failedChunk.GetProperty("chunk").GetInt32(), failedChunk.GetProperty("first_line").GetInt32(), failedChunk.GetProperty("lines").GetInt32()));
        Assert.Contains(name + "-poison", failedChunk.GetProperty("error").GetString(), StringComparison.Ordinal);
        List<JsonElement> lineErrors = status.GetProperty("errors").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(701, 100), lineErrors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.All(lineErrors, e => Assert.Equal("upstream_error", e.GetProperty("code").GetString()));

        using HttpResponseMessage resultsResponse = await server.GetAsync($"/api/batches/{id}/results");
        Assert.Equal("application/x-ndjson", resultsResponse.Content.Headers.ContentType!.MediaType);
        List<JsonElement> results = (await resultsResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(1000, results.Count);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"req-{i}"), results.Select(r => r.GetProperty("custom_id").GetString()));
        Assert.Equal(1000, results.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        for (int i = 1; i <= 1000; i++)
        {
            JsonElement r = results[i - 1];
            if (i is > 700 and <= 800)
            {
                Assert.Equal(502, r.GetProperty("response").GetProperty("status_code").GetInt32());
                Assert.Equal("upstream_error", r.GetProperty("error").GetProperty("code").GetString());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind);
                Assert.Equal(200, r.GetProperty("response").GetProperty("status_code").GetInt32());
                JsonElement body = r.GetProperty("response").GetProperty("body");
                Assert.Equal("chat.completion", body.GetProperty("object").GetString());
                Assert.Equal($"echo: line {i}", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
            }
        }

        // Work already answered is never sent again: every line that succeeded first time was called exactly once, every flaky line twice.
        Dictionary<string, int> callsPerLine = test.Calls.GroupBy(c => c.Messages[^1].Text).ToDictionary(g => g.Key, g => g.Count());
        for (int i = 1; i <= 1000; i++)
        {
            if (i is <= 700 or > 800)
            {
                Assert.Equal(i % 5 == 0 ? 2 : 1, callsPerLine[$"line {i}"]);
            }
        }

        // A redelivered chunk message finds its results blob and does nothing: no provider call, no write.
        var container = new BlobContainerClient(_azurite.ConnectionString, name);
        BlobClient chunk0 = container.GetBlobClient($"jobs/{id}/chunks/0.jsonl");
        ETag before = (await chunk0.GetPropertiesAsync()).Value.ETag;
        ETag statusBefore = (await container.GetBlobClient($"jobs/{id}/status.json").GetPropertiesAsync()).Value.ETag;
        int callsBefore = test.Calls.Count;
        string message = $$"""{"job":"{{id}}","chunk":0,"offset":0,"length":{{Encoding.UTF8.GetByteCount(input.ToString().Split('\n').Take(100).Aggregate((a, b) => a + "\n" + b))}},"first_line":1,"lines":100}""";
        await server.Services.GetRequiredService<BatchChunkProcessor>().ProcessAsync(message, 2, CancellationToken.None);
        await server.Services.GetRequiredService<BatchChunkProcessor>().ProcessPoisonAsync(message, CancellationToken.None);
        Assert.Equal(callsBefore, test.Calls.Count);
        Assert.Equal(before, (await chunk0.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(statusBefore, (await container.GetBlobClient($"jobs/{id}/status.json").GetPropertiesAsync()).Value.ETag);

        // Nothing left behind: the queues are drained, no partial-progress blobs remain.
        var queue = new QueueClient(_azurite.ConnectionString, name);
        var poison = new QueueClient(_azurite.ConnectionString, name + "-poison");
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var blobs = new List<string>();
        await foreach (BlobItem item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"jobs/{id}/", CancellationToken.None))
        {
            blobs.Add(item.Name);
        }

        Assert.Equal(
            new[] { "input.jsonl", "status.json" }.Concat(Enumerable.Range(0, 10).Select(n => $"chunks/{n}.jsonl")).Order(StringComparer.Ordinal),
            blobs.Select(b => b[$"jobs/{id}/".Length..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_thousand_line_job_through_a_real_provider_survives_the_simulators_faults()
    {
        // The simulator answers through the first real provider in the build (OpenAI once it lands, else Anthropic or Gemini):
        // every fifth line's first attempt gets a 503 (flaky-1-503, counted per line), and chunk 3 always gets 503s.
        string provider = new[] { "openai", "anthropic", "google" }.First(p => AiProviderRegistry.CreateDefault().TryGet(new AiProviderId(p), out _));
        await using AiOps.Simulator.SimulatorHost sim = await AiOps.Simulator.SimulatorHost.StartAsync();
        string name = UniqueName();
        Dictionary<string, string?> settings = Settings(_azurite, name);
        foreach (KeyValuePair<string, string?> pair in ProviderRoutingTests.Setup[provider](sim.BaseAddress))
        {
            settings[pair.Key] = pair.Value;
        }

        settings["AI_PROVIDER"] = provider;
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(settings);
        var input = new StringBuilder();
        for (int i = 1; i <= 1000; i++)
        {
            string model = i is > 300 and <= 400 ? "sim-error-503" : i % 5 == 0 ? $"sim-flaky-1-503-line{i}" : "sim-echo";
            input.Append(ChatLine($"s{i}", model, $"line {i}")).Append('\n');
        }

        using HttpResponseMessage submit = await server.PostAsync("/api/batches", input.ToString());
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        string id = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        JsonElement status = await WaitForFinishAsync(server, id);

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal((900, 100), (status.GetProperty("request_counts").GetProperty("completed").GetInt32(), status.GetProperty("request_counts").GetProperty("failed").GetInt32()));
        Assert.Equal(3, Assert.Single(status.GetProperty("failed_chunks").EnumerateArray()).GetProperty("chunk").GetInt32());
        using HttpResponseMessage resultsResponse = await server.GetAsync($"/api/batches/{id}/results");
        List<JsonElement> results = (await resultsResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => $"s{i}"), results.Select(r => r.GetProperty("custom_id").GetString()));
        for (int i = 1; i <= 1000; i++)
        {
            JsonElement r = results[i - 1];
            if (i is > 300 and <= 400)
            {
                Assert.NotEqual(JsonValueKind.Null, r.GetProperty("error").ValueKind);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, r.GetProperty("error").ValueKind);
                string content = r.GetProperty("response").GetProperty("body").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
                Assert.Equal(i % 5 == 0 ? AiOps.Simulator.ReplyPlanner.DefaultText : $"line {i}", content);
            }
        }

        // Each line that was answered reached the provider once, or twice when its first attempt was the injected fault.
        Dictionary<string, int> upstream = sim.State.Requests
            .Select(r => System.Text.RegularExpressions.Regex.Match(r.Body, "line (\\d+)\""))
            .Where(m => m.Success)
            .GroupBy(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count());
        for (int i = 1; i <= 1000; i++)
        {
            if (i is <= 300 or > 400)
            {
                Assert.Equal(i % 5 == 0 ? 2 : 1, upstream[i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
        }
    }

    [Fact]
    public async Task Invalid_lines_fail_the_submission_with_their_line_numbers_and_nothing_is_stored()
    {
        var test = new ScriptedProvider();
        string name = UniqueName();
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(Settings(_azurite, name), [test], o => o.DefaultProvider = test.Id);
        string input = string.Join("\n",
            ChatLine("a", "echo", "ok"),
            "{not json",
            ChatLine("a", "echo", "duplicate id"),
            """{"custom_id":"b","method":"GET","url":"/v1/chat/completions","body":{}}""",
            string.Empty,
            """{"custom_id":"c","method":"POST","url":"/v1/files","body":{}}""",
            """{"custom_id":"d","method":"POST","url":"/v1/chat/completions","body":{"model":"echo","messages":[],"base_url":"http://evil"}}""",
            """{"custom_id":"e","method":"POST","url":"/v1/embeddings","body":{"model":"embed","input":"fine"}}""");

        using HttpResponseMessage response = await server.PostAsync("/api/batches", input);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_batch_input", root.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("2, 3, 4, 6, 7", root.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([2, 3, 4, 6, 7], root.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal("duplicate_custom_id", root.GetProperty("lines")[1].GetProperty("code").GetString());
        Assert.Equal("unsupported_parameter", root.GetProperty("lines")[4].GetProperty("code").GetString());

        var container = new BlobContainerClient(_azurite.ConnectionString, name);
        await foreach (BlobItem item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
        {
            Assert.Fail("Nothing should be stored, but found " + item.Name);
        }

        Assert.Equal(0, (await new QueueClient(_azurite.ConnectionString, name).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(test.Calls);
    }

    [Fact]
    public async Task A_job_belongs_to_the_key_that_submitted_it_and_embeddings_lines_work()
    {
        var test = new ScriptedProvider();
        string name = UniqueName();
        Dictionary<string, string?> settings = Settings(_azurite, name);
        settings["AIOPS_GATEWAY_KEYS"] = GatewayTestServer.Key + ",other-key-987654321";
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(settings, [test], o => o.DefaultProvider = test.Id);
        string input = ChatLine("x", "echo", "hi") + "\r\n" + """{"custom_id":"y","method":"POST","url":"/v1/embeddings","body":{"model":"embed","input":["abc"],"encoding_format":"base64"}}""" + "\r\n";

        using HttpResponseMessage submit = await server.PostAsync("/api/batches", input);
        string id = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        JsonElement status = await WaitForFinishAsync(server, id);

        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("completed_at").GetInt64() > 0);
        using HttpResponseMessage results = await server.GetAsync($"/api/batches/{id}/results");
        string[] lines = (await results.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        JsonElement embedding = JsonDocument.Parse(lines[1]).RootElement.GetProperty("response").GetProperty("body");
        Assert.Equal("list", embedding.GetProperty("object").GetString());
        Assert.Equal(JsonValueKind.String, embedding.GetProperty("data")[0].GetProperty("embedding").ValueKind);

        using HttpResponseMessage other = await server.GetAsync("/api/batches/" + id, "other-key-987654321");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using HttpResponseMessage missing = await server.GetAsync("/api/batches/batch_00000000000000000000000000000000");
        Assert.Equal("batch_not_found", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        using HttpResponseMessage bogus = await server.GetAsync("/api/batches/..%2F..%2Fetc");
        Assert.Equal(HttpStatusCode.NotFound, bogus.StatusCode);
    }

    [Fact]
    public async Task A_blob_in_the_input_container_can_be_the_input_but_nothing_else_in_the_account()
    {
        var test = new ScriptedProvider();
        string name = UniqueName();
        Dictionary<string, string?> settings = Settings(_azurite, name);
        settings["AiOps:Gateway:Batch:InputContainerName"] = name + "-in";
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(settings, [test], o => o.DefaultProvider = test.Id);
        var uploads = new BlobContainerClient(_azurite.ConnectionString, name + "-in");
        await uploads.CreateIfNotExistsAsync();
        await uploads.GetBlobClient("inputs/job.jsonl").UploadAsync(BinaryData.FromString(ChatLine("from-blob", "echo", "stored")), overwrite: true);

        using HttpResponseMessage submit = await server.PostAsync("/api/batches", $$"""{"input_blob":"{{name}}-in/inputs/job.jsonl"}""");
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        JsonElement accepted = JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"{name}-in/inputs/job.jsonl", accepted.GetProperty("input_blob").GetString());
        JsonElement status = await WaitForFinishAsync(server, accepted.GetProperty("id").GetString()!);
        Assert.Equal(1, status.GetProperty("request_counts").GetProperty("completed").GetInt32());

        // Only the input container: never a URL, never another job's blobs, never the host's secrets.
        string otherJob = accepted.GetProperty("id").GetString()!;
        foreach (string path in new[] { "https://evil.example/x.jsonl", "../secrets/x", $"{name}-in/../x", $"{name}/jobs/{otherJob}/input.jsonl", "azure-webjobs-secrets/host.json" })
        {
            using HttpResponseMessage refused = await server.PostAsync("/api/batches", $$"""{"input_blob":"{{path}}"}""");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("input_blob", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("param").GetString());
        }
    }

    [Fact]
    public async Task Without_storage_batch_routes_answer_503_and_health_says_so()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test);

        using HttpResponseMessage submit = await server.PostAsync("/api/batches", ChatLine("a", "echo", "x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.Equal("batch_not_configured", JsonDocument.Parse(await submit.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
