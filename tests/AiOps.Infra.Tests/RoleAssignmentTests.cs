using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class RoleAssignmentTests(InfraFixture infra)
{
    [Fact]
    public void The_app_identity_gets_exactly_four_data_roles_each_scoped_to_its_resource() =>
        Assert.Empty(InfraRules.RoleAssignments(infra.Default, deployerPrincipalId: null, deployerPrincipalType: "User"));

    [Fact]
    public void A_given_deployer_also_gets_Secrets_Officer_and_storage_data_contributor_roles() =>
        Assert.Empty(InfraRules.RoleAssignments(infra.Full, "11111111-2222-3333-4444-555555555555", "Group"));

    [Fact]
    public void Role_definition_ids_are_the_built_in_role_ids()
    {
        // Spelled out here once more, independent of Contract.Roles, so that one typo copied into both
        // roles.bicep and Contract.Roles cannot pass unnoticed.
        Assert.Contains("4633458b-17de-408a-b874-0445c86b69e6", infra.Compiled.Json, System.StringComparison.Ordinal); // Key Vault Secrets User
        Assert.Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", infra.Compiled.Json, System.StringComparison.Ordinal); // Storage Blob Data Owner
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", infra.Compiled.Json, System.StringComparison.Ordinal); // Storage Queue Data Contributor
        Assert.Contains("3913510d-42f4-4e42-8a64-420c390055eb", infra.Compiled.Json, System.StringComparison.Ordinal); // Monitoring Metrics Publisher
    }
}
