using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>
/// Compiles infra/main.bicep and takes the shared deployment snapshots once for all tests of the collection,
/// running the Bicep CLI calls in parallel.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    /// <summary>Every key given, a deployer, non-default capacity, purge protection and optional settings.</summary>
    internal const string FullScenario = """
        param openAiApiKey = 'test-openai-key'
        param anthropicApiKey = 'test-anthropic-key'
        param geminiApiKey = 'test-gemini-key'
        param azureOpenAiApiKey = 'test-azure-openai-key'
        param gatewayKeys = 'test-gateway-key-1,test-gateway-key-2'
        param deployerPrincipalId = '11111111-2222-3333-4444-555555555555'
        param deployerPrincipalType = 'Group'
        param instanceMemoryMB = 4096
        param maximumInstanceCount = 40
        param keyVaultEnablePurgeProtection = true
        param keyVaultSoftDeleteRetentionInDays = 30
        param aiProvider = 'anthropic'
        param aiDefaultModel = 'claude-sonnet-4-5'
        param aiTimeout = '45s'
        param aiMaxRetries = 5
        param aiRetryBackoff = '2s'
        param aiCircuitBreaker = false
        param aiCircuitBreakerThreshold = 7
        param aiRateLimit = '2.5'
        param azureOpenAiEndpoint = 'https://example-resource.openai.azure.com'
        param azureOpenAiApiVersion = '2024-10-21'
        param modelAliases = { fast: 'openai/gpt-4o-mini', smart: 'anthropic/claude-sonnet-4-5' }
        """;

    /// <summary>All defaults: no key, no deployer.</summary>
    internal const string DefaultScenario = "";

    /// <summary>No key passed now, two secrets said to be in the vault already.</summary>
    internal const string ExistingSecretsScenario = """
        param existingSecretNames = [ 'openai-api-key', 'aiops-gateway-keys' ]
        """;

    internal static readonly IReadOnlyDictionary<string, string> FullScenarioSecrets = new Dictionary<string, string>
    {
        ["openai-api-key"] = "test-openai-key",
        ["anthropic-api-key"] = "test-anthropic-key",
        ["gemini-api-key"] = "test-gemini-key",
        ["azure-openai-api-key"] = "test-azure-openai-key",
        ["aiops-gateway-keys"] = "test-gateway-key-1,test-gateway-key-2",
    };

    internal CompiledTemplate Compiled { get; private set; } = null!;

    internal Snapshot Full { get; private set; } = null!;

    internal Snapshot Default { get; private set; } = null!;

    internal Snapshot ExistingSecrets { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var compiled = CompiledTemplate.BuildAsync(Path.Combine(BicepCli.InfraDirectory, "main.bicep"));
        var full = SnapshotOfAsync(FullScenario);
        var defaults = SnapshotOfAsync(DefaultScenario);
        var existing = SnapshotOfAsync(ExistingSecretsScenario);
        Compiled = await compiled;
        Full = await full;
        Default = await defaults;
        ExistingSecrets = await existing;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static async Task<Snapshot> SnapshotOfAsync(string parameters)
    {
        using var copy = new InfraCopy();
        return await copy.SnapshotAsync(parameters);
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "infra";
}
