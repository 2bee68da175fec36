using AiOps.Infra.Tests.Infrastructure;
using Xunit;

namespace AiOps.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class MonitoringTests(InfraFixture infra)
{
    [Fact]
    public void Log_Analytics_and_Application_Insights_accept_only_Entra_ID_authenticated_telemetry() =>
        Assert.Empty(InfraRules.Monitoring(infra.Default));
}
