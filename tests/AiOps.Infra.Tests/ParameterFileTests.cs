using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class ParameterFileTests(InfraFixture infra)
{
    private static readonly string ParameterFile = Path.Combine(BicepCli.InfraDirectory, "main.bicepparam");

    [Fact]
    public void Every_template_parameter_has_a_description_and_is_documented_in_the_parameter_file()
    {
        var parameterFile = File.ReadAllText(ParameterFile);
        foreach (var parameter in infra.Compiled.Main.Parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(parameter.Value.StringAt("metadata", "description")), $"{parameter.Name} has no @description");
            Assert.True(Regex.IsMatch(parameterFile, $@"\b{parameter.Name}\b"), $"{parameter.Name} is not documented in main.bicepparam");
        }
    }

    [Fact]
    public void Parameter_file_reads_every_key_from_an_environment_variable_and_holds_no_key()
    {
        var text = File.ReadAllText(ParameterFile);
        var expected = new Dictionary<string, string>
        {
            ["openAiApiKey"] = "OPENAI_API_KEY",
            ["anthropicApiKey"] = "ANTHROPIC_API_KEY",
            ["geminiApiKey"] = "GEMINI_API_KEY",
            ["azureOpenAiApiKey"] = "AZURE_OPENAI_API_KEY",
            ["gatewayKeys"] = "AIOPS_GATEWAY_KEYS",
        };

        foreach (var (parameter, variable) in expected)
        {
            Assert.Contains($"param {parameter} = readEnvironmentVariable('{variable}', '')", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Parameter_file_compiles_and_leaves_keys_empty_when_their_variables_are_unset()
    {
        using var output = new TempDirectory();
        var outFile = Path.Combine(output.Path, "main.parameters.json");
        var unset = Contract.KeySettings.Keys.ToDictionary(k => k, _ => (string?)null);

        var result = await BicepCli.RunAsync(unset, "build-params", ParameterFile, "--outfile", outFile);

        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));
        foreach (var parameter in Contract.KeyParameters)
        {
            Assert.Equal("\"\"", json.RootElement.RawAt("parameters", parameter, "value"));
        }
    }
}
