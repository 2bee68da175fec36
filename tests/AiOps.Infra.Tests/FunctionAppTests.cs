using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class FunctionAppTests(InfraFixture infra)
{
    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_Flex_Consumption_as_the_user_assigned_identity_over_HTTPS_only() =>
        Assert.Empty(InfraRules.FunctionApp(infra.Full, instanceMemoryMB: 4096, maximumInstanceCount: 40));

    [Fact]
    public void Instance_memory_and_maximum_instance_count_default_to_2048_MB_and_100_instances() =>
        Assert.Empty(InfraRules.FunctionApp(infra.Default, instanceMemoryMB: 2048, maximumInstanceCount: 100));

    [Fact]
    public void The_app_is_created_only_after_its_roles_are_granted()
    {
        var app = Assert.Single(infra.Compiled.Deployments(), d => d.Path == "main/aiops-functionapp").Deployment;
        var dependsOn = app.At("dependsOn")!.Value.GetRawText();

        Assert.Contains("roles", dependsOn, System.StringComparison.Ordinal);
    }
}
