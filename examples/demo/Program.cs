// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using System.Threading.Tasks;
using AiOps;
using Microsoft.Extensions.AI;

namespace AiOps.Demo;

/// <summary>A chat, a streamed chat and an embedding search through the AiOps core (the search with the offline local provider).</summary>
public static class Program
{
    /// <summary>Runs the demo; the provider comes from the environment (AI_PROVIDER and its key).</summary>
    /// <returns>0 on success, 1 on an AiOps error.</returns>
    public static async Task<int> Main()
    {
        try
        {
            // Chat goes to AI_PROVIDER; the semantic search runs on the local provider (all-MiniLM-L6-v2 in this process),
            // so it is real on a fresh machine: no key, no network.
            AiOpsOptions options = AiOpsConfiguration.FromEnvironment();
            AiProviderRegistry registry = AiProviderRegistry.CreateDefault().Register(new LocalEmbeddingProvider());
            await using var factory = new AiClientFactory(options, registry);
            AiClient client = factory.GetClient();
            AiClient local = factory.GetClient(AiProviderId.Local);
            Console.WriteLine($"Provider: {client.Provider} (model {client.DefaultModel ?? "provider default"}); embeddings: {local.Provider} ({local.DefaultEmbeddingModel}, offline)");

            ChatResponse answer = await client.Prompt()
                .System("You are a concise assistant for operations engineers.")
                .User("In one sentence: why do disks fill up on web servers?")
                .SendAsync();
            Console.WriteLine($"\nChat: {answer.Text}");
            Console.WriteLine($"      tokens in/out: {answer.Usage?.InputTokenCount}/{answer.Usage?.OutputTokenCount}, finish: {answer.FinishReason}");

            Console.Write("\nStream: ");
            await foreach (ChatResponseUpdate update in client.ChatStreamAsync("Name three things to check when a service is slow."))
            {
                Console.Write(update.Text);
            }

            Console.WriteLine();

            string[] runbooks =
            [
                "Disk full: clear old logs in /var/log and rotate them, then extend the volume.",
                "Certificate expiry: renew the TLS certificate and reload nginx.",
                "High CPU: find the hot process with top and restart the worker pool.",
            ];
            const string question = "Storage exhausted on web-01";
            GeneratedEmbeddings<Embedding<float>> vectors = await local.EmbedAsync([question, .. runbooks]);
            ReadOnlyMemory<float> q = vectors[0].Vector;
            var ranked = runbooks
                .Select((text, i) => (text, score: TensorPrimitives.CosineSimilarity(q.Span, vectors[i + 1].Vector.Span)))
                .OrderByDescending(r => r.score)
                .ToList();
            Console.WriteLine($"\nSemantic search for \"{question}\" ({vectors[0].Vector.Length} dimensions):");
            foreach ((string text, float score) in ranked)
            {
                Console.WriteLine($"  {score,6:0.000}  {text}");
            }

            return 0;
        }
        catch (AiException ex)
        {
            Console.Error.WriteLine($"AiOps error ({ex.ToSummary()}): {ex.Message}");
            return 1;
        }
    }
}
