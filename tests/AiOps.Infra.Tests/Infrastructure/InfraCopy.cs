using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>
/// A private copy of infra/ in a temp folder. Tests compile it, take deployment snapshots of it, and weaken
/// it (replace one piece of text in one module) to prove that the checks catch the weakness.
/// </summary>
internal sealed partial class InfraCopy : IDisposable
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000b2";
    public const string ResourceGroup = "rg-aiops-test";
    public const string Location = "westeurope";

    private readonly TempDirectory _temp = new();

    public InfraCopy()
    {
        CopyDirectory(BicepCli.InfraDirectory, Root);
    }

    public string Root => Path.Combine(_temp.Path, "infra");

    /// <summary>Replaces exactly one occurrence of <paramref name="find"/> in a file of the copy.</summary>
    public InfraCopy Replace(string relativePath, string find, string replacement)
    {
        var path = Path.Combine(Root, relativePath);
        var text = File.ReadAllText(path);
        var first = text.IndexOf(find, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(find, first + find.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException(
                $"Expected exactly one '{find}' in {relativePath}; the weakening no longer applies to the module.");
        }

        File.WriteAllText(path, string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + find.Length)));
        return this;
    }

    /// <summary>
    /// Takes a deployment snapshot: the template's resources as ARM would PUT them, with every expression
    /// that does not depend on runtime state evaluated for the given parameters.
    /// </summary>
    /// <remarks>
    /// The snapshot engine deliberately leaves <c>@secure()</c> parameters unevaluated, so conditions on them
    /// (is a key given?) would stay symbolic. The copy used for snapshots therefore drops the decorators; that
    /// the real template declares them secure is checked on the compiled ARM JSON of the unmodified files.
    /// The linter is switched off in the copy: a weakened module must still compile so its checks can run.
    /// </remarks>
    public async Task<Snapshot> SnapshotAsync(string parameterAssignments)
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*.bicep", SearchOption.AllDirectories))
        {
            File.WriteAllText(file, SecureDecorator().Replace(File.ReadAllText(file), string.Empty));
        }

        File.WriteAllText(Path.Combine(Root, "bicepconfig.json"), """{ "analyzers": { "core": { "enabled": false } } }""");

        var name = $"scenario-{Guid.NewGuid():N}";
        var parameterFile = Path.Combine(Root, name + ".bicepparam");
        File.WriteAllText(parameterFile, "using 'main.bicep'\n\n" + parameterAssignments + "\n");

        var result = await BicepCli.RunAsync(
            "snapshot", parameterFile,
            "--mode", "overwrite",
            "--subscription-id", SubscriptionId,
            "--tenant-id", TenantId,
            "--resource-group", ResourceGroup,
            "--location", Location);
        var snapshotFile = Path.Combine(Root, name + ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(snapshotFile))
        {
            throw new InvalidOperationException("bicep snapshot failed: " + result.Describe());
        }

        return Snapshot.Parse(File.ReadAllText(snapshotFile));
    }

    /// <summary>Compiles main.bicep of the copy to ARM JSON (linter off, decorators intact).</summary>
    public async Task<CompiledTemplate> BuildAsync()
    {
        File.WriteAllText(Path.Combine(Root, "bicepconfig.json"), """{ "analyzers": { "core": { "enabled": false } } }""");
        return await CompiledTemplate.BuildAsync(Path.Combine(Root, "main.bicep"));
    }

    public void Dispose() => _temp.Dispose();

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }

    [GeneratedRegex(@"^[ \t]*@secure\(\)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex SecureDecorator();
}
