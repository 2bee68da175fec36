// Licensed under the MIT License.

using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;

namespace AiOps.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        var sw = Stopwatch.StartNew();
        MiniLmModel model = MiniLmModelHost.Get();
        Console.WriteLine($"load {sw.ElapsedMilliseconds} ms");
        string log = string.Concat(Enumerable.Range(0, 2000).Select(i => $"2025-03-01T12:{i % 60:00}:00Z ERROR disk /dev/sda1 is {90 + (i % 10)}% full\n"));
        sw.Restart();
        var ids = model.Tokenize(log, null);
        Console.WriteLine($"tokenize {ids.Count} tokens in {sw.ElapsedMilliseconds} ms");
        foreach (int batch in new[] { 1, 8, 32 })
        {
            var windows = Enumerable.Range(0, batch).Select(b => new[] { 101 }.Concat(ids.Skip(b * 254).Take(254)).Concat(new[] { 102 }).ToArray()).ToList();
            float[] dest = new float[batch * 384];
            model.EncodeBatch(windows, dest, CancellationToken.None);
            sw.Restart();
            model.EncodeBatch(windows, dest, CancellationToken.None);
            Console.WriteLine($"batch {batch} x 256: {sw.ElapsedMilliseconds} ms ({sw.ElapsedMilliseconds / (double)batch:0.0} ms/window)");
        }
    }
}
