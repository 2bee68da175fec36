using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class StorageTests(InfraFixture infra)
{
    [Fact]
    public void Storage_account_accepts_only_Entra_ID_over_HTTPS_with_TLS_1_2_and_has_no_public_blobs() =>
        Assert.Empty(InfraRules.StorageAccount(infra.Full));

    [Fact]
    public void Deployment_container_batch_container_and_both_batch_queues_exist_with_the_designed_names() =>
        Assert.Empty(InfraRules.StorageAccount(infra.Default));

    [Fact]
    public void Old_batch_job_blobs_are_deleted_after_the_retention_period()
    {
        var policy = Assert.Single(infra.Default.OfType("Microsoft.Storage/storageAccounts/managementPolicies"));
        var rule = Assert.Single(policy.At("properties", "policy", "rules")!.Value.EnumerateArray());

        Assert.Equal("aiops-batch/jobs/", Assert.Single(rule.At("definition", "filters", "prefixMatch")!.Value.EnumerateArray()).GetString());
        Assert.Equal("30", rule.RawAt("definition", "actions", "baseBlob", "delete", "daysAfterModificationGreaterThan"));
        Assert.DoesNotContain(rule.At("definition", "actions", "baseBlob")!.Value.EnumerateObject(), a => a.Name != "delete");
    }
}
