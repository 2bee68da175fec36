using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>One template in the compiled ARM JSON: main.bicep itself or a module's nested template.</summary>
internal sealed record TemplateScope(string Path, JsonElement Template)
{
    public IEnumerable<JsonProperty> Parameters =>
        Template.TryGetProperty("parameters", out var p) ? p.EnumerateObject() : [];

    public IEnumerable<JsonProperty> Outputs =>
        Template.TryGetProperty("outputs", out var o) ? o.EnumerateObject() : [];

    /// <summary>Resources whether the template uses the array form or languageVersion 2.0's symbolic-name object.</summary>
    public IEnumerable<JsonElement> Resources =>
        !Template.TryGetProperty("resources", out var r) ? []
        : r.ValueKind == JsonValueKind.Array ? r.EnumerateArray()
        : r.EnumerateObject().Select(p => p.Value);

    public ISet<string> SecureParameterNames =>
        Parameters.Where(p => p.Value.GetProperty("type").GetString() is { } t
                && (t.Equals("securestring", StringComparison.OrdinalIgnoreCase) || t.Equals("secureObject", StringComparison.OrdinalIgnoreCase)))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The ARM JSON that <c>bicep build</c> produces for main.bicep, modules nested inside it.</summary>
internal sealed class CompiledTemplate
{
    private CompiledTemplate(string json)
    {
        Json = json;
        using var document = JsonDocument.Parse(json);
        Root = document.RootElement.Clone();
    }

    public string Json { get; }

    public JsonElement Root { get; }

    public TemplateScope Main => new("main", Root);

    public static async Task<CompiledTemplate> BuildAsync(string mainBicep)
    {
        using var output = new TempDirectory();
        var outFile = Path.Combine(output.Path, "main.json");
        var result = await BicepCli.RunAsync("build", mainBicep, "--outfile", outFile);
        if (result.ExitCode != 0 || !File.Exists(outFile))
        {
            throw new InvalidOperationException("bicep build failed: " + result.Describe());
        }

        return new CompiledTemplate(await File.ReadAllTextAsync(outFile));
    }

    /// <summary>main.bicep and every module template, depth first.</summary>
    public IEnumerable<TemplateScope> Templates() => Walk(Main);

    /// <summary>The module deployments (Microsoft.Resources/deployments) anywhere in the template.</summary>
    public IEnumerable<(string Path, JsonElement Deployment)> Deployments() =>
        Templates().SelectMany(t => t.Resources
            .Where(IsDeployment)
            .Select(d => ($"{t.Path}/{d.GetProperty("name").GetString()}", d)));

    /// <summary>Every string value in the JSON with its JSON path, for scans such as "no listKeys()".</summary>
    public IEnumerable<(string Path, string Value)> Strings() => StringsIn(Root, "$");

    private static IEnumerable<TemplateScope> Walk(TemplateScope scope)
    {
        yield return scope;
        foreach (var deployment in scope.Resources.Where(IsDeployment))
        {
            if (deployment.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                var path = $"{scope.Path}/{deployment.GetProperty("name").GetString()}";
                foreach (var inner in Walk(new TemplateScope(path, nested)))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool IsDeployment(JsonElement resource) =>
        string.Equals(resource.GetProperty("type").GetString(), "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<(string, string)> StringsIn(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                yield return (path, element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var s in StringsIn(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var s in StringsIn(item, $"{path}[{i++}]"))
                    {
                        yield return s;
                    }
                }

                break;
        }
    }
}
