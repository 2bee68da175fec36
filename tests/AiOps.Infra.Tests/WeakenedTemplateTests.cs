using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Infra.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AiOps.Infra.Tests;

/// <summary>
/// Proves the checks bite: each case weakens one property in a temp copy of one module and expects the check
/// for that property to report exactly that weakness (the violation text names the property and its bad value).
/// </summary>
/// <remarks>
/// To keep the suite fast, the weakenings of one module file (for one scenario) share one copy and one Bicep run.
/// They touch independent properties, and each case asserts its own violation, so a weakening hidden by another
/// would fail its case rather than pass; weakenings that could hide each other get their own group.
/// </remarks>
public sealed class WeakenedTemplateTests(WeakenedTemplatesFixture weakened, ITestOutputHelper output)
    : IClassFixture<WeakenedTemplatesFixture>
{
    public static TheoryData<string> Cases => new(WeakenedTemplatesFixture.Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_weakened_copy_of_the_templates_fails_the_check_for_that_weakness(string caseName)
    {
        var weakening = WeakenedTemplatesFixture.Cases[caseName];
        var violations = weakened.Violations[caseName];
        output.WriteLine(string.Join("\n", violations));

        Assert.True(
            violations.Any(v => v.Contains(weakening.ExpectedViolation, StringComparison.Ordinal)),
            $"Expected a violation containing '{weakening.ExpectedViolation}', got:\n{string.Join("\n", violations)}");
    }
}

/// <summary>One way of weakening the templates and the check that must notice it.</summary>
internal sealed record Weakening(
    string File,
    string Find,
    string Replace,
    string ExpectedViolation,
    Func<Snapshot, IReadOnlyList<string>>? SnapshotCheck = null,
    string Scenario = InfraFixture.DefaultScenario,
    Func<CompiledTemplate, IReadOnlyList<string>>? CompiledCheck = null,
    string? Group = null)
{
    /// <summary>Weakenings with the same key are applied to one copy and checked on one Bicep run.</summary>
    public string GroupKey => Group ?? $"{File}|{Scenario}|{(CompiledCheck is null ? "snapshot" : "build")}";
}

/// <summary>Builds every weakened copy once, as many at a time as there are processors.</summary>
public sealed class WeakenedTemplatesFixture : IAsyncLifetime
{
    private const string Storage = "modules/storage.bicep";
    private const string App = "modules/functionapp.bicep";
    private const string Vault = "modules/keyvault.bicep";
    private const string Roles = "modules/roles.bicep";
    private const string Monitor = "modules/monitoring.bicep";
    private const string Main = "main.bicep";

    private static readonly string[] AllSecrets = [.. Contract.KeySettings.Values];

    internal static readonly IReadOnlyDictionary<string, Weakening> Cases = new Dictionary<string, Weakening>
    {
        ["storage allows shared keys"] = new(Storage, "allowSharedKeyAccess: false", "allowSharedKeyAccess: true",
            "allowSharedKeyAccess is true", InfraRules.StorageAccount),
        ["storage allows public blobs"] = new(Storage, "allowBlobPublicAccess: false", "allowBlobPublicAccess: true",
            "allowBlobPublicAccess is true", InfraRules.StorageAccount),
        ["storage accepts TLS 1.0"] = new(Storage, "minimumTlsVersion: 'TLS1_2'", "minimumTlsVersion: 'TLS1_0'",
            "minimumTlsVersion is \"TLS1_0\"", InfraRules.StorageAccount),
        ["batch container is public"] = new(Storage, "name: batchContainerName\n  properties: {\n    publicAccess: 'None'",
            "name: batchContainerName\n  properties: {\n    publicAccess: 'Blob'", "publicAccess is \"Blob\"", InfraRules.StorageAccount),
        ["poison queue is missing"] = new(Storage, "name: '${batchQueueName}-poison'", "name: '${batchQueueName}-dead'",
            "queue 'aiops-batch-poison' is missing", InfraRules.StorageAccount),

        ["app has no Key Vault reference identity"] = new(App, "    keyVaultReferenceIdentity: identityId\n", string.Empty,
            "keyVaultReferenceIdentity is (missing)", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["app allows plain HTTP"] = new(App, "httpsOnly: true", "httpsOnly: false",
            "httpsOnly is false", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["app allows FTPS"] = new(App, "ftpsState: 'Disabled'", "ftpsState: 'FtpsOnly'",
            "ftpsState is \"FtpsOnly\"", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["app accepts TLS 1.0"] = new(App, "minTlsVersion: '1.2'", "minTlsVersion: '1.0'",
            "siteConfig.minTlsVersion is \"1.0\"", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["app also has a system-assigned identity"] = new(App, "type: 'UserAssigned'", "type: 'SystemAssigned, UserAssigned'",
            "identity.type is \"SystemAssigned, UserAssigned\"", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["deployment storage uses a connection string"] = new(App, "type: 'UserAssignedIdentity'", "type: 'StorageAccountConnectionString'",
            "authentication.type is \"StorageAccountConnectionString\"", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["app allows basic-auth publishing"] = new(App, "name: 'scm'\n  properties: {\n    allow: false", "name: 'scm'\n  properties: {\n    allow: true",
            "/scm: properties.allow is true", s => InfraRules.FunctionApp(s, 2048, 100)),
        ["host storage uses a connection string"] = new(App, "value: 'managedidentity'", "value: 'connectionstring'",
            "app setting AzureWebJobsStorage__credential is connectionstring", InfraRules.PlatformAppSettings),
        ["telemetry uses the instrumentation key"] = new(App, ";Authorization=AAD'", "'",
            "app setting APPLICATIONINSIGHTS_AUTHENTICATION_STRING", InfraRules.PlatformAppSettings),

        ["Key Vault reference loses its trailing slash"] = new(App, "secrets/${s.secret}/)", "secrets/${s.secret})",
            "expected exactly @Microsoft.KeyVault(SecretUri=", s => InfraRules.KeyVaultReferences(s, AllSecrets), InfraFixture.FullScenario),
        ["Key Vault reference is pinned to a secret version"] = new(App, "secrets/${s.secret}/)", "secrets/${s.secret}/0123456789abcdef)",
            "expected exactly @Microsoft.KeyVault(SecretUri=", s => InfraRules.KeyVaultReferences(s, AllSecrets), InfraFixture.FullScenario,
            Group: "pinned version"), // the same line as the case above, so a copy of its own
        ["Key Vault reference is added for a missing secret"] = new(Main, "given: !empty(openAiApiKey)", "given: true",
            "app setting OPENAI_API_KEY references secret openai-api-key", s => InfraRules.KeyVaultReferences(s, [])),
        ["secret is written although no key was given"] = new(Vault, "if (!empty(secret.value))", "if (true)",
            "is created although no value was given", s => InfraRules.SecretsCreated(s, new Dictionary<string, string>())),
        ["vault uses access policies"] = new(Vault, "enableRbacAuthorization: true", "enableRbacAuthorization: false",
            "enableRbacAuthorization is false", s => InfraRules.KeyVault(s, false, 90)),
        ["vault sends purge protection false"] = new(Vault, "enablePurgeProtection: enablePurgeProtection ? true : null",
            "enablePurgeProtection: enablePurgeProtection", "enablePurgeProtection is false", s => InfraRules.KeyVault(s, false, 90)),
        ["Application Insights accepts local auth"] = new(Monitor, "DisableLocalAuth: true", "DisableLocalAuth: false",
            "DisableLocalAuth is false", InfraRules.Monitoring),

        ["app identity gets Secrets Officer instead of Secrets User"] = new(Roles,
            "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)",
            "roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)",
            "unexpected role assignment [b86a8fe4-44ce-4948-aee5-eccb2c155cd7 for app identity",
            s => InfraRules.RoleAssignments(s, null, "User")),
        ["queue role widened to Contributor"] = new(Roles, "storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'",
            "storageQueueDataContributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c'",
            "unexpected role assignment [b24988ac-6180-42a0-ab88-20f7382dd24c", s => InfraRules.RoleAssignments(s, null, "User")),
        ["blob role assigned on the resource group"] = new(Roles, "  scope: storage\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)",
            "  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)",
            $"unexpected role assignment [{Contract.Roles.StorageBlobDataOwner} for app identity (ServicePrincipal) on /subscriptions/{InfraCopy.SubscriptionId}/resourceGroups/{InfraCopy.ResourceGroup}]",
            s => InfraRules.RoleAssignments(s, null, "User")),

        ["an output returns a key"] = new(Main, "output keyVaultName string", "output leaked string = openAiApiKey\n\noutput keyVaultName string",
            "output leaked is derived from secure parameter openAiApiKey", CompiledCheck: InfraRules.SecretsStayOutOfOutputs),
        ["a key parameter is not secure"] = new(Main, "@secure()\nparam openAiApiKey", "param openAiApiKey",
            "parameter openAiApiKey is not @secure()", CompiledCheck: InfraRules.SecretsStayOutOfOutputs,
            Group: "key parameter not secure"), // alone: with the leaking output above it would hide that violation
        ["a module reads the account keys"] = new(Storage, "@description('Name of the storage account.')\noutput name string",
            "output firstKey string = account.listKeys().keys[0].value\n\n@description('Name of the storage account.')\noutput name string",
            "calls a list* function", CompiledCheck: InfraRules.NoListFunctions),
    };

    internal Dictionary<string, IReadOnlyList<string>> Violations { get; } = [];

    public async Task InitializeAsync()
    {
        using var throttle = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
        var groups = await Task.WhenAll(Cases.GroupBy(c => c.Value.GroupKey).Select(async group =>
        {
            await throttle.WaitAsync();
            try
            {
                return await RunAsync(group.ToList());
            }
            finally
            {
                throttle.Release();
            }
        }));

        foreach (var (name, violations) in groups.SelectMany(g => g))
        {
            Violations[name] = violations;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IReadOnlyList<(string Name, IReadOnlyList<string> Violations)>> RunAsync(
        IReadOnlyList<KeyValuePair<string, Weakening>> group)
    {
        using var copy = new InfraCopy();
        foreach (var (_, weakening) in group)
        {
            copy.Replace(weakening.File, weakening.Find, weakening.Replace);
        }

        var first = group[0].Value;
        if (first.CompiledCheck is not null)
        {
            var compiled = await copy.BuildAsync();
            return group.Select(c => (c.Key, c.Value.CompiledCheck!(compiled))).ToList();
        }

        var snapshot = await copy.SnapshotAsync(first.Scenario);
        return group.Select(c => (c.Key, c.Value.SnapshotCheck!(snapshot))).ToList();
    }
}
