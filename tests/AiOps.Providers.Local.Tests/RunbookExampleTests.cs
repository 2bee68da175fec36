// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace AiOps.Tests;

/// <summary>The sample runbooks behind examples/powershell/Find-Runbook.ps1 answer their questions with the local model
/// (the same search the script runs through Get-AiEmbedding and Compare-AiEmbedding).</summary>
public class RunbookExampleTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("which runbook fixes a full disk?", "disk-space-exhausted")]
    [InlineData("users get certificate errors in the browser", "tls-certificate-expiry")]
    [InlineData("the service keeps restarting with OOMKilled", "memory-pressure")]
    [InlineData("the primary postgres server is down", "database-failover")]
    [InlineData("hostnames do not resolve", "dns-resolution")]
    [InlineData("load average is very high and requests time out", "high-cpu")]
    public async Task Each_question_finds_its_runbook_first(string question, string expected)
    {
        string folder = Path.Combine(RepoRoot(), "examples", "powershell", "runbooks");
        FileInfo[] files = new DirectoryInfo(folder).GetFiles("*.md").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        using var generator = new LocalEmbeddingGenerator();

        Embedding<float>[] index = await generator.EmbedAsync(files.Select(f => File.ReadAllText(f.FullName)).ToArray());
        Embedding<float> query = (await generator.EmbedAsync(question))[0];

        var ranked = files.Select((f, i) => (Name: Path.GetFileNameWithoutExtension(f.Name), Score: Vectors.Cosine(query, index[i])))
            .OrderByDescending(r => r.Score)
            .ToArray();
        foreach ((string name, float score) in ranked)
        {
            output.WriteLine($"{score:0.000} {name}");
        }

        Assert.Equal(expected, ranked[0].Name);
        Assert.True(ranked[0].Score >= ranked[1].Score + 0.05f, $"{ranked[0].Name} {ranked[0].Score:0.000} vs {ranked[1].Name} {ranked[1].Score:0.000}");
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AiOps.sln not found above " + AppContext.BaseDirectory);
    }
}
