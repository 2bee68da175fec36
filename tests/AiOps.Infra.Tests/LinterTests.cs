using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

public sealed class LinterTests
{
    [Theory]
    [InlineData("main.bicep")]
    [InlineData("main.bicepparam")]
    public async Task Linter_reports_nothing_for_the_entry_file(string file)
    {
        var result = await BicepCli.RunAsync("lint", Path.Combine(BicepCli.InfraDirectory, file));

        Assert.True(result.ExitCode == 0 && result.StdOut.Trim().Length == 0 && result.StdErr.Trim().Length == 0, result.Describe());
    }

    [Fact]
    public void Linter_rules_are_errors_except_the_three_that_depend_on_time_registries_or_what_if()
    {
        using var config = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "bicepconfig.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var rules = config.RootElement.At("analyzers", "core", "rules")!.Value.EnumerateObject()
            .ToDictionary(r => r.Name, r => r.Value.StringAt("level"));

        Assert.Equal("true", config.RootElement.RawAt("analyzers", "core", "enabled"));
        Assert.Equal(
            ["use-recent-api-versions", "use-recent-module-versions", "what-if-short-circuiting"],
            rules.Where(r => r.Value != "error").Select(r => r.Key).Order());
        Assert.All(rules.Where(r => r.Value != "error"), r => Assert.Equal("off", r.Value));
        Assert.Contains("outputs-should-not-contain-secrets", rules.Keys);
        Assert.Contains("secure-secrets-in-params", rules.Keys);
        Assert.Contains("no-hardcoded-env-urls", rules.Keys);
    }
}
