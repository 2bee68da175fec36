// Licensed under the MIT License.

using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

public class ConcurrencyTests
{
    [Fact]
    public async Task Concurrent_calls_on_one_generator_return_the_same_vectors_as_sequential_calls()
    {
        string[][] requests = Enumerable.Range(0, 8)
            .Select(r => Enumerable.Range(0, 5 + r).Select(i => $"request {r} item {i}: {(i % 3 == 0 ? "disk full" : i % 3 == 1 ? "certificate expired" : "cpu saturated")}").ToArray())
            .ToArray();
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 4 });
        var sequential = new Embedding<float>[requests.Length][];
        for (int r = 0; r < requests.Length; r++)
        {
            sequential[r] = await generator.EmbedAsync(requests[r]);
        }

        // Start every call before awaiting any, from thread-pool threads.
        Task<Embedding<float>[]>[] calls = requests.Select(texts => Task.Run(() => generator.EmbedAsync(texts))).ToArray();
        Embedding<float>[][] concurrent = await Task.WhenAll(calls);

        for (int r = 0; r < requests.Length; r++)
        {
            Assert.Equal(requests[r].Length, concurrent[r].Length);
            for (int i = 0; i < requests[r].Length; i++)
            {
                Assert.True(Vectors.MaxAbsDifference(sequential[r][i].Vector, concurrent[r][i].Vector) < 1e-5f, $"request {r} item {i}");
            }
        }
    }

    [Fact]
    public async Task Many_generators_share_one_model()
    {
        Task<Embedding<float>[]>[] calls = Enumerable.Range(0, 6)
            .Select(i => Task.Run(async () =>
            {
                using var generator = new LocalEmbeddingGenerator();
                return await generator.EmbedAsync($"generator {i}");
            }))
            .ToArray();

        Embedding<float>[][] results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal(384, r[0].Vector.Length));
        Assert.Same(MiniLmModelHost.Get(), MiniLmModelHost.Get());
    }
}
