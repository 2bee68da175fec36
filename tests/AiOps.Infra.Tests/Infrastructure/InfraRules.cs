using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>
/// The security and contract checks, each returning its violations (empty = passes). The tests assert that the
/// real templates produce none, and that deliberately weakened copies produce the expected one, which proves a
/// check actually looks at the property it claims to.
/// </summary>
internal static partial class InfraRules
{
    public static IReadOnlyList<string> StorageAccount(Snapshot snapshot)
    {
        var v = new List<string>();
        if (snapshot.SingleOrNone("Microsoft.Storage/storageAccounts") is not { } account)
        {
            return ["expected exactly one storage account"];
        }

        Expect(v, account, "false", "properties", "allowSharedKeyAccess");
        Expect(v, account, "false", "properties", "allowBlobPublicAccess");
        Expect(v, account, "\"TLS1_2\"", "properties", "minimumTlsVersion");
        Expect(v, account, "true", "properties", "supportsHttpsTrafficOnly");
        Expect(v, account, "true", "properties", "defaultToOAuthAuthentication");

        var accountName = Snapshot.Name(account);
        var containers = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        foreach (var required in new[] { Contract.DeploymentContainer, Contract.BatchContainer, Contract.BatchInputContainer })
        {
            if (!containers.Any(c => Snapshot.Name(c) == $"{accountName}/default/{required}"))
            {
                v.Add($"blob container '{required}' is missing");
            }
        }

        foreach (var container in containers)
        {
            Expect(v, container, "\"None\"", "properties", "publicAccess");
        }

        var queues = snapshot.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(Snapshot.Name).ToList();
        foreach (var required in new[] { Contract.BatchQueue, Contract.BatchPoisonQueue })
        {
            if (!queues.Contains($"{accountName}/default/{required}"))
            {
                v.Add($"queue '{required}' is missing");
            }
        }

        return v;
    }

    public static IReadOnlyList<string> FunctionApp(Snapshot snapshot, int instanceMemoryMB, int maximumInstanceCount)
    {
        var v = new List<string>();
        if (snapshot.SingleOrNone("Microsoft.Web/serverfarms") is not { } plan
            || snapshot.SingleOrNone("Microsoft.Web/sites") is not { } site
            || snapshot.SingleOrNone("Microsoft.ManagedIdentity/userAssignedIdentities") is not { } identity
            || snapshot.SingleOrNone("Microsoft.Storage/storageAccounts") is not { } storage)
        {
            return ["expected exactly one plan, Function App, user-assigned identity and storage account"];
        }

        var identityId = Snapshot.Id(identity);
        Expect(v, plan, "\"FC1\"", "sku", "name");
        Expect(v, plan, "\"FlexConsumption\"", "sku", "tier");
        Expect(v, plan, "true", "properties", "reserved");

        Expect(v, site, "\"functionapp,linux\"", "kind");
        Expect(v, site, Quote(Snapshot.Id(plan)), "properties", "serverFarmId");
        Expect(v, site, "true", "properties", "httpsOnly");
        Expect(v, site, "\"1.2\"", "properties", "siteConfig", "minTlsVersion");
        Expect(v, site, "\"1.2\"", "properties", "siteConfig", "scmMinTlsVersion");
        Expect(v, site, "\"Disabled\"", "properties", "siteConfig", "ftpsState");
        Expect(v, site, Quote(identityId), "properties", "keyVaultReferenceIdentity");

        Expect(v, site, "\"UserAssigned\"", "identity", "type");
        var assigned = site.At("identity", "userAssignedIdentities") is { ValueKind: JsonValueKind.Object } ids
            ? ids.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        if (assigned.Count != 1 || !string.Equals(assigned[0], identityId, StringComparison.OrdinalIgnoreCase))
        {
            v.Add($"identity.userAssignedIdentities is [{string.Join(", ", assigned)}], expected only {identityId}");
        }

        Expect(v, site, "\"dotnet-isolated\"", "properties", "functionAppConfig", "runtime", "name");
        Expect(v, site, "\"10.0\"", "properties", "functionAppConfig", "runtime", "version");
        Expect(v, site, instanceMemoryMB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "properties", "functionAppConfig", "scaleAndConcurrency", "instanceMemoryMB");
        Expect(v, site, maximumInstanceCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "properties", "functionAppConfig", "scaleAndConcurrency", "maximumInstanceCount");

        string[] deployment = ["properties", "functionAppConfig", "deployment", "storage"];
        Expect(v, site, "\"blobContainer\"", [.. deployment, "type"]);
        var packageUrl = site.StringAt([.. deployment, "value"]) ?? string.Empty;
        var expectedPackageUrl = $"[format('{{0}}{{1}}', {StorageEndpoint(Snapshot.Id(storage), "blob")}, '{Contract.DeploymentContainer}')]";
        if (!MatchesPattern(packageUrl, expectedPackageUrl))
        {
            v.Add($"deployment storage value is {packageUrl}, expected the account's blob endpoint + '{Contract.DeploymentContainer}'");
        }

        Expect(v, site, "\"UserAssignedIdentity\"", [.. deployment, "authentication", "type"]);
        Expect(v, site, Quote(identityId), [.. deployment, "authentication", "userAssignedIdentityResourceId"]);

        foreach (var policy in new[] { "ftp", "scm" })
        {
            var resource = snapshot.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies")
                .FirstOrDefault(r => Snapshot.Name(r) == $"{Snapshot.Name(site)}/{policy}");
            if (resource.ValueKind == JsonValueKind.Undefined)
            {
                v.Add($"basic publishing credentials policy '{policy}' is missing");
            }
            else
            {
                Expect(v, resource, "false", "properties", "allow");
            }
        }

        return v;
    }

    public static IReadOnlyList<string> KeyVault(Snapshot snapshot, bool purgeProtection, int softDeleteRetentionInDays)
    {
        var v = new List<string>();
        if (snapshot.SingleOrNone("Microsoft.KeyVault/vaults") is not { } vault)
        {
            return ["expected exactly one Key Vault"];
        }

        Expect(v, vault, "true", "properties", "enableRbacAuthorization");
        Expect(v, vault, "true", "properties", "enableSoftDelete");
        Expect(v, vault, softDeleteRetentionInDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "properties", "softDeleteRetentionInDays");
        if (purgeProtection)
        {
            Expect(v, vault, "true", "properties", "enablePurgeProtection");
        }
        else if (vault.At("properties", "enablePurgeProtection") is { ValueKind: not JsonValueKind.Null } value)
        {
            // 'false' is rejected by the service once protection was ever on; "off" must be an absent value.
            v.Add($"enablePurgeProtection is {value.GetRawText()}, expected it to be left out (null)");
        }

        if (vault.At("properties", "accessPolicies") is { ValueKind: JsonValueKind.Array } policies && policies.GetArrayLength() > 0)
        {
            v.Add("the vault has access policies; access must be RBAC only");
        }

        return v;
    }

    public static IReadOnlyList<string> Monitoring(Snapshot snapshot)
    {
        var v = new List<string>();
        if (snapshot.SingleOrNone("Microsoft.OperationalInsights/workspaces") is not { } workspace
            || snapshot.SingleOrNone("Microsoft.Insights/components") is not { } insights)
        {
            return ["expected exactly one Log Analytics workspace and one Application Insights component"];
        }

        Expect(v, workspace, "true", "properties", "features", "disableLocalAuth");
        Expect(v, insights, "true", "properties", "DisableLocalAuth");
        Expect(v, insights, Quote(Snapshot.Id(workspace)), "properties", "WorkspaceResourceId");
        return v;
    }

    /// <summary>Identity-based host storage, App Insights with Entra ID, and the identity/vault settings.</summary>
    public static IReadOnlyList<string> PlatformAppSettings(Snapshot snapshot)
    {
        var v = new List<string>();
        var settings = snapshot.AppSettingsByName();
        var identityId = snapshot.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var storageId = snapshot.IdOf("Microsoft.Storage/storageAccounts");
        var insightsId = snapshot.IdOf("Microsoft.Insights/components");
        var vaultName = Snapshot.Name(snapshot.SingleOrNone("Microsoft.KeyVault/vaults")!.Value);
        var clientId = $"reference('{identityId}', '{{version}}').clientId";

        ExpectSetting(v, settings, "AzureWebJobsStorage__credential", "managedidentity");
        ExpectSettingPattern(v, settings, "AzureWebJobsStorage__clientId", $"[{clientId}]");
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            ExpectSettingPattern(v, settings, $"AzureWebJobsStorage__{service}ServiceUri", $"[{StorageEndpoint(storageId, service)}]");
        }

        ExpectSettingPattern(v, settings, "APPLICATIONINSIGHTS_CONNECTION_STRING", $"[reference('{insightsId}', '{{version}}').ConnectionString]");
        ExpectSettingPattern(v, settings, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", $"[format('ClientId={{0}};Authorization=AAD', {clientId})]");
        ExpectSettingPattern(v, settings, "AZURE_CLIENT_ID", $"[{clientId}]");
        ExpectEvaluatedSetting(v, settings, "AIOPS_KEYVAULT_URI", $"https://{vaultName}.vault.azure.net/");

        foreach (var name in Contract.SettingsFlexRejects.Append("AzureWebJobsStorage").Append("AzureWebJobsStorage__accountKey"))
        {
            if (settings.ContainsKey(name))
            {
                v.Add($"app setting {name} must not be set");
            }
        }

        foreach (var (name, value) in settings)
        {
            if (value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                || value.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase)
                || value.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase))
            {
                v.Add($"app setting {name} embeds a shared key or instrumentation key");
            }
        }

        return v;
    }

    /// <summary>
    /// Key settings are Key Vault references exactly for <paramref name="expectedSecrets"/> (the secrets that
    /// exist), in the exact versionless SecretUri form, and never carry a literal key.
    /// </summary>
    public static IReadOnlyList<string> KeyVaultReferences(Snapshot snapshot, IReadOnlyCollection<string> expectedSecrets)
    {
        var v = new List<string>();
        var settings = snapshot.AppSettingsByName();
        var vaultName = Snapshot.Name(snapshot.SingleOrNone("Microsoft.KeyVault/vaults")!.Value);
        foreach (var (setting, secret) in Contract.KeySettings)
        {
            var expected = expectedSecrets.Contains(secret);
            if (!settings.TryGetValue(setting, out var raw))
            {
                if (expected)
                {
                    v.Add($"app setting {setting} is missing although secret {secret} exists");
                }

                continue;
            }

            if (!expected)
            {
                v.Add($"app setting {setting} references secret {secret}, which this deployment neither creates nor lists as existing");
            }

            var value = ArmExpression.TryEvaluate(raw);
            var reference = $"@Microsoft.KeyVault(SecretUri=https://{vaultName}.vault.azure.net/secrets/{secret}/)";
            if (value != reference)
            {
                v.Add($"app setting {setting} is {value ?? raw}, expected exactly {reference}");
            }
        }

        return v;
    }

    /// <summary>Secrets are created for exactly the keys that were given, and hold the given value.</summary>
    public static IReadOnlyList<string> SecretsCreated(Snapshot snapshot, IReadOnlyDictionary<string, string> givenValues)
    {
        var v = new List<string>();
        var vaultName = Snapshot.Name(snapshot.SingleOrNone("Microsoft.KeyVault/vaults")!.Value);
        var secrets = snapshot.OfType("Microsoft.KeyVault/vaults/secrets")
            .ToDictionary(s => Snapshot.Name(s), s => s.StringAt("properties", "value"), StringComparer.Ordinal);
        foreach (var (name, value) in givenValues)
        {
            if (!secrets.TryGetValue($"{vaultName}/{name}", out var actual))
            {
                v.Add($"secret {name} was given but is not created");
            }
            else if (actual != value)
            {
                v.Add($"secret {name} does not carry the given value");
            }
        }

        foreach (var name in secrets.Keys.Select(k => k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]).Where(n => !givenValues.ContainsKey(n)))
        {
            v.Add($"secret {name} is created although no value was given");
        }

        return v;
    }

    /// <summary>
    /// The exact set of role assignments: each with its role definition, principal, principal type and scope,
    /// named guid(scope, principal, role), and nothing at resource-group or subscription scope.
    /// </summary>
    public static IReadOnlyList<string> RoleAssignments(Snapshot snapshot, string? deployerPrincipalId, string deployerPrincipalType)
    {
        var v = new List<string>();
        var identityId = snapshot.IdOf("Microsoft.ManagedIdentity/userAssignedIdentities");
        var vaultId = snapshot.IdOf("Microsoft.KeyVault/vaults");
        var storageId = snapshot.IdOf("Microsoft.Storage/storageAccounts");
        var insightsId = snapshot.IdOf("Microsoft.Insights/components");
        const string app = "app identity";

        var expected = new List<Assignment>
        {
            new(vaultId, Contract.Roles.KeyVaultSecretsUser, app, "ServicePrincipal"),
            new(storageId, Contract.Roles.StorageBlobDataOwner, app, "ServicePrincipal"),
            new(storageId, Contract.Roles.StorageQueueDataContributor, app, "ServicePrincipal"),
            new(insightsId, Contract.Roles.MonitoringMetricsPublisher, app, "ServicePrincipal"),
        };
        if (!string.IsNullOrEmpty(deployerPrincipalId))
        {
            expected.Add(new(vaultId, Contract.Roles.KeyVaultSecretsOfficer, deployerPrincipalId, deployerPrincipalType));
            expected.Add(new(storageId, Contract.Roles.StorageBlobDataContributor, deployerPrincipalId, deployerPrincipalType));
            expected.Add(new(storageId, Contract.Roles.StorageQueueDataContributor, deployerPrincipalId, deployerPrincipalType));
        }

        var subscriptionPrefix = $"/subscriptions/{InfraCopy.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/";
        var actual = new List<Assignment>();
        foreach (var resource in snapshot.OfType("Microsoft.Authorization/roleAssignments"))
        {
            var roleDefinitionId = resource.StringAt("properties", "roleDefinitionId") ?? string.Empty;
            var role = roleDefinitionId.StartsWith(subscriptionPrefix, StringComparison.OrdinalIgnoreCase)
                ? roleDefinitionId[subscriptionPrefix.Length..]
                : $"(unexpected role definition id {roleDefinitionId})";
            var principalJson = resource.StringAt("properties", "principalId") ?? string.Empty;
            var principal = IsIdentityPrincipal(principalJson, identityId) ? app : principalJson;
            var scope = ScopeOf(Snapshot.Id(resource));
            var assignment = new Assignment(scope, role, principal, resource.StringAt("properties", "principalType") ?? "(missing)");
            actual.Add(assignment);

            if (!IsGuidName(Snapshot.Name(resource), scope, principal == app ? null : principal, principalJson, role))
            {
                v.Add($"role assignment {assignment} is named {Snapshot.Name(resource)}, expected guid(scope, principal, role)");
            }
        }

        foreach (var missing in expected.Except(actual))
        {
            v.Add($"missing role assignment {missing}");
        }

        foreach (var extra in actual.Except(expected))
        {
            v.Add($"unexpected role assignment {extra}");
        }

        return v;
    }

    /// <summary>No list*() call anywhere: no account keys, SAS or connection strings are ever read by the template.</summary>
    public static IReadOnlyList<string> NoListFunctions(CompiledTemplate template) =>
        template.Strings()
            .Where(s => ArmExpression.IsExpression(s.Value) && ListCall().IsMatch(s.Value))
            .Select(s => $"{s.Path} calls a list* function: {s.Value}")
            .ToList();

    /// <summary>Key parameters are secure, and no output (main or module) is secure or derived from a secure value.</summary>
    public static IReadOnlyList<string> SecretsStayOutOfOutputs(CompiledTemplate template)
    {
        var v = new List<string>();
        var main = template.Main;
        var mainSecure = main.SecureParameterNames;
        foreach (var name in Contract.KeyParameters)
        {
            if (!mainSecure.Contains(name))
            {
                v.Add($"parameter {name} is not @secure()");
            }
        }

        var outputNames = main.Outputs.Select(o => o.Name).ToList();
        if (!outputNames.Order(StringComparer.Ordinal).SequenceEqual(Contract.Outputs.Order(StringComparer.Ordinal)))
        {
            v.Add($"main outputs are [{string.Join(", ", outputNames)}], expected [{string.Join(", ", Contract.Outputs)}]");
        }

        foreach (var scope in template.Templates())
        {
            var secure = scope.SecureParameterNames;
            foreach (var output in scope.Outputs)
            {
                var type = output.Value.StringAt("type") ?? string.Empty;
                var value = output.Value.At("value")?.GetRawText() ?? string.Empty;
                if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                {
                    v.Add($"{scope.Path} output {output.Name} is {type}");
                }

                foreach (var parameter in secure.Where(p => value.Contains($"parameters('{p}')", StringComparison.OrdinalIgnoreCase)))
                {
                    v.Add($"{scope.Path} output {output.Name} is derived from secure parameter {parameter}");
                }
            }
        }

        return v;
    }

    /// <summary>Modules evaluate their expressions inside (secure values never pass through the outer scope).</summary>
    public static IReadOnlyList<string> ModulesUseInnerScope(CompiledTemplate template) =>
        template.Deployments()
            .Where(d => d.Deployment.StringAt("properties", "expressionEvaluationOptions", "scope") != "inner")
            .Select(d => $"{d.Path} does not use inner expression evaluation scope")
            .ToList();

    private static string StorageEndpoint(string storageId, string service) =>
        $"reference('{storageId}', '{{version}}').primaryEndpoints.{service}";

    private static void Expect(List<string> violations, JsonElement resource, string expectedJson, params string[] path)
    {
        var actual = resource.RawAt(path);
        if (actual != expectedJson)
        {
            violations.Add($"{Snapshot.Name(resource)}: {string.Join('.', path)} is {actual}, expected {expectedJson}");
        }
    }

    private static void ExpectSetting(List<string> v, IReadOnlyDictionary<string, string> settings, string name, string expected)
    {
        if (!settings.TryGetValue(name, out var actual) || actual != expected)
        {
            v.Add($"app setting {name} is {actual ?? "(missing)"}, expected {expected}");
        }
    }

    private static void ExpectEvaluatedSetting(List<string> v, IReadOnlyDictionary<string, string> settings, string name, string expected)
    {
        var actual = settings.TryGetValue(name, out var raw) ? ArmExpression.TryEvaluate(raw) ?? raw : null;
        if (actual != expected)
        {
            v.Add($"app setting {name} is {actual ?? "(missing)"}, expected {expected}");
        }
    }

    /// <summary>Compares with a pattern in which '{version}' stands for any API version.</summary>
    private static void ExpectSettingPattern(List<string> v, IReadOnlyDictionary<string, string> settings, string name, string pattern)
    {
        if (!settings.TryGetValue(name, out var actual) || !MatchesPattern(actual, pattern))
        {
            v.Add($"app setting {name} is {actual ?? "(missing)"}, expected {pattern}");
        }
    }

    /// <summary>Matches a literal template text in which '{version}' stands for any API version.</summary>
    public static bool MatchesPattern(string actual, string pattern) =>
        Regex.IsMatch(actual, "^" + Regex.Escape(pattern).Replace(@"\{version}", "[0-9a-z-]+", StringComparison.Ordinal) + "$");

    private static bool IsIdentityPrincipal(string principalJson, string identityId) =>
        ArmExpression.IsExpression(principalJson)
        && ArmExpression.Parse(principalJson) is ArmProperty { Name: "principalId", Target: ArmCall { Name: "reference" } call }
        && call.Arguments.Count >= 1
        && call.Arguments[0] is ArmString id
        && string.Equals(id.Value, identityId, StringComparison.OrdinalIgnoreCase);

    private static string ScopeOf(string id)
    {
        const string marker = "/providers/Microsoft.Authorization/roleAssignments/";
        if (ArmExpression.IsExpression(id))
        {
            // extensionResourceId(scope, ...) for a resource scope; resourceId(sub, rg, ...) or
            // subscriptionResourceId(sub, ...) when an assignment sits on the resource group or subscription.
            return ArmExpression.Parse(id) switch
            {
                ArmCall { Name: "extensionResourceId", Arguments: [ArmString scope, ..] } => scope.Value,
                ArmCall { Name: "resourceId", Arguments: [ArmString sub, ArmString rg, ArmString, ..] } =>
                    $"/subscriptions/{sub.Value}/resourceGroups/{rg.Value}",
                ArmCall { Name: "subscriptionResourceId", Arguments: [ArmString sub, ArmString, ..] } => $"/subscriptions/{sub.Value}",
                _ => $"(unknown scope {id})",
            };
        }

        var at = id.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        return at > 0 ? id[..at] : $"(unknown scope {id})";
    }

    private static bool IsGuidName(string name, string scope, string? literalPrincipal, string principalJson, string role)
    {
        if (literalPrincipal is not null)
        {
            return name == ArmGuid.Compute(scope, literalPrincipal, role);
        }

        // A runtime principal ID: the name is still guid(scope, <that principal>, role), just not evaluated yet.
        return ArmExpression.IsExpression(name)
            && ArmExpression.Parse(name) is ArmCall { Name: "guid", Arguments.Count: 3 } call
            && call.Arguments[0] is ArmString s && s.Value == scope
            && ArmExpression.Render(call.Arguments[1]) == ArmExpression.Render(ArmExpression.Parse(principalJson))
            && call.Arguments[2] is ArmString r && r.Value == role;
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);

    [GeneratedRegex(@"(?<![A-Za-z0-9_])list[A-Za-z0-9]*\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListCall();

    private sealed record Assignment(string Scope, string Role, string Principal, string PrincipalType)
    {
        public override string ToString() => $"[{Role} for {Principal} ({PrincipalType}) on {Scope}]";
    }
}
