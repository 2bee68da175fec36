using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AiOps.Benchmarks;

[MemoryDiagnoser]
[ShortRunJob]
public class ScratchBenchmarks
{
    private byte[] _body = null!;

    [GlobalSetup]
    public void Setup() => _body = EmbeddingsParseBenchmarks.CreateBody(false);

    [Benchmark] public int Sync() => JsonSerializer.Deserialize(_body, OpenAIJsonContext.Default.OpenAIEmbeddingResponse)!.Data!.Count;
    [Benchmark] public async Task<int> Async() => (await JsonSerializer.DeserializeAsync(new MemoryStream(_body), OpenAIJsonContext.Default.OpenAIEmbeddingResponse))!.Data!.Count;
    [Benchmark] public int ReaderOnly()
    {
        var r = new Utf8JsonReader(_body);
        int n = 0;
        while (r.Read()) n++;
        return n;
    }
}
