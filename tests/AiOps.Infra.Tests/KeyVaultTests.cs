using System.Collections.Generic;
using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class KeyVaultTests(InfraFixture infra)
{
    [Fact]
    public void Key_vault_uses_RBAC_and_soft_delete_and_leaves_purge_protection_out_by_default() =>
        Assert.Empty(InfraRules.KeyVault(infra.Default, purgeProtection: false, softDeleteRetentionInDays: 90));

    [Fact]
    public void Purge_protection_and_soft_delete_retention_follow_their_parameters() =>
        Assert.Empty(InfraRules.KeyVault(infra.Full, purgeProtection: true, softDeleteRetentionInDays: 30));

    [Fact]
    public void A_secret_is_created_for_every_given_key_with_its_value() =>
        Assert.Empty(InfraRules.SecretsCreated(infra.Full, InfraFixture.FullScenarioSecrets));

    [Fact]
    public void No_secret_is_created_or_overwritten_when_no_key_is_given()
    {
        Assert.Empty(InfraRules.SecretsCreated(infra.Default, new Dictionary<string, string>()));
        Assert.Empty(InfraRules.SecretsCreated(infra.ExistingSecrets, new Dictionary<string, string>()));
    }

    [Fact]
    public void Key_parameters_are_secure_strings_that_default_to_empty()
    {
        var parameters = infra.Compiled.Root.At("parameters")!.Value;
        foreach (var name in Contract.KeyParameters)
        {
            Assert.Equal("\"securestring\"", parameters.RawAt(name, "type"));
            Assert.Equal("\"\"", parameters.RawAt(name, "defaultValue"));
        }
    }
}
