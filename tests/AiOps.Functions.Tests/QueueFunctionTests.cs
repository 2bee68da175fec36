// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Gateway.Tests;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;

namespace AiOps.Functions.Tests;

/// <summary>The queue functions driven with real messages from Azurite, after a job is submitted through the HTTP function.</summary>
public sealed class QueueFunctionTests : IClassFixture<AzuriteFixture>
{
    private readonly AzuriteFixture _azurite;

    public QueueFunctionTests(AzuriteFixture azurite) => _azurite = azurite;

    [Fact]
    public async Task A_job_submitted_over_HTTP_is_finished_by_the_queue_functions()
    {
        var provider = new ScriptedProvider("test");
        string name = "f" + Guid.NewGuid().ToString("N")[..20];
        using var app = new FunctionsTestContainer(provider, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["AiOps:Gateway:Batch:ContainerName"] = name,
            ["AiOps:Gateway:Batch:QueueName"] = name,
            ["AiOps:Gateway:Batch:ChunkSize"] = "2",

            // The default pipeline retries with real backoff and opens the circuit after five consecutive overloads; this test is
            // about the queue functions, so (like the gateway's batch tests) it retries once, at once, with no breaker.
            ["AI_MAX_RETRIES"] = "1",
            ["AI_RETRY_BACKOFF"] = "1ms",
            ["AI_CIRCUIT_BREAKER"] = "false",
        });
        string input = string.Join("\n", Enumerable.Range(1, 5).Select(i =>
            $$$"""{"custom_id":"q{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"{{{(i == 5 ? "fail-Overloaded" : "echo")}}}","messages":[{"role":"user","content":"m{{{i}}}"}]}}"""));

        HttpContext submit = app.Request("POST", "/api/batches", input);
        await app.Http.SubmitBatchAsync(submit.Request);
        Assert.Equal(202, submit.Response.StatusCode);
        string id = JsonDocument.Parse(FunctionsTestContainer.ResponseText(submit)).RootElement.GetProperty("id").GetString()!;

        // The messages are Base64 of the chunk JSON, which is what the queue trigger decodes by default.
        var raw = new QueueClient(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        PeekedMessage[] peeked = (await raw.PeekMessagesAsync(32)).Value;
        Assert.Equal(3, peeked.Length);
        JsonElement first = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(peeked[0].MessageText))).RootElement;
        Assert.Equal((id, 0, 1, 2), (first.GetProperty("job").GetString(), first.GetProperty("chunk").GetInt32(), first.GetProperty("first_line").GetInt32(), first.GetProperty("lines").GetInt32()));

        // Deliver as the host would: the trigger gets the decoded message; a failure leaves it on the queue for the next delivery.
        var queue = new QueueClient(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var poison = new List<string>();
        for (int round = 0; round < 5; round++)
        {
            foreach (QueueMessage message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value)
            {
                try
                {
                    await app.Queue.ProcessChunkAsync(message, CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (AiOps.Gateway.BatchChunkIncompleteException)
                {
                    if (message.DequeueCount >= 2)
                    {
                        poison.Add(message.MessageText);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    }
                    else
                    {
                        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    }
                }
            }
        }

        string poisoned = Assert.Single(poison);
        Assert.Equal(2, JsonDocument.Parse(poisoned).RootElement.GetProperty("chunk").GetInt32());
        await app.Queue.ProcessPoisonAsync(QueuesModelFactory.QueueMessage("p1", "r1", poisoned, 1), CancellationToken.None);

        HttpContext status = app.Request("GET", "/api/batches/" + id);
        await app.Http.GetBatchAsync(status.Request, id);
        JsonElement root = JsonDocument.Parse(FunctionsTestContainer.ResponseText(status)).RootElement;
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal((5, 4, 1), (root.GetProperty("request_counts").GetProperty("total").GetInt32(), root.GetProperty("request_counts").GetProperty("completed").GetInt32(), root.GetProperty("request_counts").GetProperty("failed").GetInt32()));
        JsonElement lineError = Assert.Single(root.GetProperty("errors").GetProperty("data").EnumerateArray());
        Assert.Equal((5, "q5", "upstream_overloaded"), (lineError.GetProperty("line").GetInt32(), lineError.GetProperty("custom_id").GetString(), lineError.GetProperty("code").GetString()));

        HttpContext results = app.Request("GET", $"/api/batches/{id}/results");
        await app.Http.GetBatchResultsAsync(results.Request, id);
        string[] lines = FunctionsTestContainer.ResponseText(results).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["q1", "q2", "q3", "q4", "q5"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("custom_id").GetString()));
    }
}
