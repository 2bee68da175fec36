using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class OutputsAndStructureTests(InfraFixture infra)
{
    [Fact]
    public void Key_parameters_are_secure_and_no_output_is_secret_or_derived_from_a_secret() =>
        Assert.Empty(InfraRules.SecretsStayOutOfOutputs(infra.Compiled));

    [Fact]
    public void The_template_never_calls_listKeys_or_any_other_list_function() =>
        Assert.Empty(InfraRules.NoListFunctions(infra.Compiled));

    [Fact]
    public void Modules_evaluate_their_expressions_in_their_own_scope() =>
        Assert.Empty(InfraRules.ModulesUseInnerScope(infra.Compiled));

    [Fact]
    public void Gateway_base_URL_is_the_default_host_name_followed_by_api_v1()
    {
        var site = infra.Default.SingleOrNone("Microsoft.Web/sites")!.Value;
        var outputs = infra.Default.Outputs;
        var hostName = $"reference('{Snapshot.Id(site)}', '{{version}}').defaultHostName";
        var gatewayBaseUrl = outputs.StringAt("gatewayBaseUrl") ?? "(missing)";
        var defaultHostName = outputs.StringAt("defaultHostName") ?? "(missing)";

        Assert.True(InfraRules.MatchesPattern(gatewayBaseUrl, $"[format('https://{{0}}/api/v1', {hostName})]"), gatewayBaseUrl);
        Assert.True(InfraRules.MatchesPattern(defaultHostName, $"[{hostName}]"), defaultHostName);
        Assert.Equal(Snapshot.Name(site), outputs.StringAt("functionAppName"));
        Assert.Equal(Snapshot.Name(infra.Default.SingleOrNone("Microsoft.KeyVault/vaults")!.Value), outputs.StringAt("keyVaultName"));
    }

    [Fact]
    public void The_template_targets_a_resource_group()
    {
        Assert.EndsWith("/deploymentTemplate.json#", infra.Compiled.Root.StringAt("$schema"), StringComparison.Ordinal);
        Assert.Contains("targetScope = 'resourceGroup'", File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "main.bicep")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_module_is_a_local_file_so_the_template_builds_offline()
    {
        var references = Directory.EnumerateFiles(BicepCli.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^\s*module\s+\w+\s+'([^']+)'", RegexOptions.Multiline).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Matches(@"^modules/[a-z]+\.bicep$", r));
    }
}
