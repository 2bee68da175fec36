// Licensed under the MIT License.

using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace AiOps.Benchmarks;

/// <summary>What the default middleware pipeline adds to one chat call over the bare provider client (docs/performance-middleware.md).</summary>
/// <remarks>The provider answers from memory, so the difference between <see cref="BareProvider"/> and the pipeline rows is the
/// pipeline's own time and allocation. Every call sends a new prompt, so with the cache on each one is a miss that is stored.</remarks>
[MemoryDiagnoser]
public class MiddlewarePipelineBenchmarks
{
    private readonly ChatOptions _options = new() { ModelId = "gpt-4o-mini" };
    private IChatClient _bare = null!;
    private AiClientFactory _defaults = null!;
    private AiClientFactory _cacheOn = null!;
    private IChatClient _defaultPipeline = null!;
    private IChatClient _cacheMissPipeline = null!;
    private long _n;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new AiProviderRegistry().Register(new InMemoryProvider());
        _bare = new InMemoryChatClient();
        _defaults = new AiClientFactory(new AiOpsOptions(), registry);
        _cacheOn = new AiClientFactory(new AiOpsOptions { CacheEnabled = true, CacheMaxEntries = 1000 }, registry);
        _defaultPipeline = _defaults.GetClient().ChatClient;
        _cacheMissPipeline = _cacheOn.GetClient().ChatClient;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _defaults.Dispose();
        _cacheOn.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> BareProvider() => _bare.GetResponseAsync(Prompt(), _options);

    [Benchmark]
    public Task<ChatResponse> DefaultPipeline() => _defaultPipeline.GetResponseAsync(Prompt(), _options);

    [Benchmark]
    public Task<ChatResponse> DefaultPipelineCacheMiss() => _cacheMissPipeline.GetResponseAsync(Prompt(), _options);

    // The same prompt allocation in every row, different text per call so the cache always misses.
    private ChatMessage[] Prompt() => [new ChatMessage(ChatRole.User, "What is the capital of France? #" + Interlocked.Increment(ref _n).ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
