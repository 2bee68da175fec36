using System;
using System.Linq;
using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AppSettingsTests(InfraFixture infra)
{
    [Fact]
    public void Host_storage_telemetry_and_Azure_SDK_settings_authenticate_as_the_managed_identity()
    {
        Assert.Empty(InfraRules.PlatformAppSettings(infra.Default));
        Assert.Empty(InfraRules.PlatformAppSettings(infra.Full));
    }

    [Fact]
    public void Configuration_contract_settings_carry_the_documented_defaults()
    {
        var settings = infra.Default.AppSettingsByName();

        Assert.Equal("openai", settings["AI_PROVIDER"]);
        Assert.Equal("100s", settings["AI_TIMEOUT"]);
        Assert.Equal("3", settings["AI_MAX_RETRIES"]);
        Assert.Equal("1s", settings["AI_RETRY_BACKOFF"]);
        Assert.Equal("true", settings["AI_CIRCUIT_BREAKER"]);
        Assert.Equal("5", settings["AI_CIRCUIT_BREAKER_THRESHOLD"]);
        Assert.Equal("0", settings["AI_RATE_LIMIT"]);
    }

    [Fact]
    public void Optional_settings_left_empty_are_not_set_so_the_app_defaults_apply()
    {
        var settings = infra.Default.AppSettingsByName();

        Assert.DoesNotContain("AI_DEFAULT_MODEL", settings.Keys);
        Assert.DoesNotContain("AZURE_OPENAI_ENDPOINT", settings.Keys);
        Assert.DoesNotContain("AZURE_OPENAI_API_VERSION", settings.Keys);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("AiOps__", StringComparison.Ordinal));
        Assert.DoesNotContain(settings.Values, string.IsNullOrEmpty);
    }

    [Fact]
    public void Configuration_contract_settings_follow_their_parameters()
    {
        var settings = infra.Full.AppSettingsByName();

        Assert.Equal("anthropic", settings["AI_PROVIDER"]);
        Assert.Equal("claude-sonnet-4-5", settings["AI_DEFAULT_MODEL"]);
        Assert.Equal("45s", settings["AI_TIMEOUT"]);
        Assert.Equal("5", settings["AI_MAX_RETRIES"]);
        Assert.Equal("2s", settings["AI_RETRY_BACKOFF"]);
        Assert.Equal("false", settings["AI_CIRCUIT_BREAKER"]);
        Assert.Equal("7", settings["AI_CIRCUIT_BREAKER_THRESHOLD"]);
        Assert.Equal("2.5", settings["AI_RATE_LIMIT"]);
        Assert.Equal("https://example-resource.openai.azure.com", settings["AZURE_OPENAI_ENDPOINT"]);
        Assert.Equal("2024-10-21", settings["AZURE_OPENAI_API_VERSION"]);
        Assert.Equal("openai/gpt-4o-mini", settings["AiOps__Models__fast"]);
        Assert.Equal("anthropic/claude-sonnet-4-5", settings["AiOps__Models__smart"]);
    }

    [Fact]
    public void Every_given_key_reaches_the_app_as_a_versionless_Key_Vault_reference() =>
        Assert.Empty(InfraRules.KeyVaultReferences(infra.Full, Contract.KeySettings.Values.ToList()));

    [Fact]
    public void Key_settings_are_absent_when_their_secret_does_not_exist() =>
        Assert.Empty(InfraRules.KeyVaultReferences(infra.Default, []));

    [Fact]
    public void Secrets_listed_as_existing_are_referenced_without_being_written()
    {
        Assert.Empty(InfraRules.KeyVaultReferences(infra.ExistingSecrets, ["openai-api-key", "aiops-gateway-keys"]));
        Assert.Empty(infra.ExistingSecrets.OfType("Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void Key_Vault_reference_has_exactly_the_App_Service_SecretUri_form_with_a_trailing_slash()
    {
        var vault = infra.Full.SingleOrNone("Microsoft.KeyVault/vaults")!.Value;
        var value = ArmExpression.TryEvaluate(infra.Full.AppSettingsByName()["OPENAI_API_KEY"]);

        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{Snapshot.Name(vault)}.vault.azure.net/secrets/openai-api-key/)", value);
        Assert.Matches(@"^@Microsoft\.KeyVault\(SecretUri=https://kv-aiops-[a-z0-9]+\.vault\.azure\.net/secrets/openai-api-key/\)$", value);
    }

    [Fact]
    public void No_key_value_ever_appears_in_an_app_setting()
    {
        var values = infra.Full.AppSettings().Select(s => s.Value).ToList();

        foreach (var secret in InfraFixture.FullScenarioSecrets.Values)
        {
            Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void App_setting_names_are_unique()
    {
        var names = infra.Full.AppSettings().Select(s => s.Key).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
