// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using AiOps.Gateway.Tests;

namespace AiOps.Functions.Tests;

/// <summary>What the Functions host will load: the generated function metadata and the repository's host.json.</summary>
public sealed class FunctionMetadataTests
{
    private static JsonElement Metadata()
    {
        string configuration = typeof(FunctionMetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string path = Path.Combine(AzuriteFixture.RepoRoot(), "functions", "AiOps.Functions", "bin", configuration, "net10.0", "functions.metadata");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    [Fact]
    public void Every_HTTP_function_is_anonymous_on_DESIGNs_route()
    {
        var http = Metadata().EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString(), Trigger: f.GetProperty("bindings").EnumerateArray().First()))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .ToDictionary(f => f.Name!, f => (Route: f.Trigger.GetProperty("route").GetString(), Auth: f.Trigger.GetProperty("authLevel").GetString(),
                Methods: string.Join(",", f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))));

        Assert.Equal(("v1/chat/completions", "Anonymous", "post"), http["ChatCompletions"]);
        Assert.Equal(("v1/embeddings", "Anonymous", "post"), http["Embeddings"]);
        Assert.Equal(("v1/models", "Anonymous", "get"), http["Models"]);
        Assert.Equal(("chat", "Anonymous", "post"), http["NativeChat"]);
        Assert.Equal(("embeddings", "Anonymous", "post"), http["NativeEmbeddings"]);
        Assert.Equal(("batches", "Anonymous", "post"), http["SubmitBatch"]);
        Assert.Equal(("batches/{id}", "Anonymous", "get"), http["GetBatch"]);
        Assert.Equal(("batches/{id}/results", "Anonymous", "get"), http["GetBatchResults"]);
        Assert.Equal(("health", "Anonymous", "get"), http["Health"]);
    }

    [Fact]
    public void The_queue_functions_listen_on_the_batch_queue_and_its_poison_queue()
    {
        var queues = Metadata().EnumerateArray()
            .Select(f => (Name: f.GetProperty("name").GetString(), Trigger: f.GetProperty("bindings").EnumerateArray().First()))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "queueTrigger")
            .ToDictionary(f => f.Name!, f => (f.Trigger.GetProperty("queueName").GetString(), f.Trigger.GetProperty("connection").GetString()));

        Assert.Equal(("aiops-batch", "AzureWebJobsStorage"), queues["BatchChunk"]);
        Assert.Equal(("aiops-batch-poison", "AzureWebJobsStorage"), queues["BatchChunkPoison"]);
    }

    [Fact]
    public void Host_json_sets_the_api_prefix_and_the_documented_queue_settings()
    {
        JsonElement host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteFixture.RepoRoot(), "host.json"))).RootElement;
        JsonElement extensions = host.GetProperty("extensions");

        Assert.Equal("2.0", host.GetProperty("version").GetString());
        Assert.Equal("api", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        JsonElement queues = extensions.GetProperty("queues");
        Assert.Equal(5, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(4, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal("00:00:30", queues.GetProperty("visibilityTimeout").GetString());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());

        // The gateway's own defaults for the local worker match the host's settings.
        var defaults = new AiOps.Gateway.BatchOptions();
        Assert.Equal(defaults.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(defaults.RetryDelay, TimeSpan.Parse(queues.GetProperty("visibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(BatchQueueFunctions.QueueName, defaults.QueueName);
        Assert.Equal(BatchQueueFunctions.PoisonQueueName, defaults.PoisonQueueName);
    }
}
