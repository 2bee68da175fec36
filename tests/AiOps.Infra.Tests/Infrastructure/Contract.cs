using System.Collections.Generic;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>The names and IDs the deployment must use: what the Functions app reads and what Azure defines.</summary>
internal static class Contract
{
    /// <summary>App settings that carry keys, and the Key Vault secret each one references.</summary>
    public static readonly IReadOnlyDictionary<string, string> KeySettings = new Dictionary<string, string>
    {
        ["OPENAI_API_KEY"] = "openai-api-key",
        ["ANTHROPIC_API_KEY"] = "anthropic-api-key",
        ["GEMINI_API_KEY"] = "gemini-api-key",
        ["AZURE_OPENAI_API_KEY"] = "azure-openai-api-key",
        ["AIOPS_GATEWAY_KEYS"] = "aiops-gateway-keys",
    };

    /// <summary>The secure parameters of main.bicep that carry those keys.</summary>
    public static readonly IReadOnlyList<string> KeyParameters =
        ["openAiApiKey", "anthropicApiKey", "geminiApiKey", "azureOpenAiApiKey", "gatewayKeys"];

    /// <summary>The outputs main.bicep promises (names and URLs only).</summary>
    public static readonly IReadOnlyList<string> Outputs =
    [
        "functionAppName", "defaultHostName", "gatewayBaseUrl", "keyVaultName", "keyVaultUri",
        "storageAccountName", "managedIdentityClientId",
    ];

    /// <summary>Settings Flex Consumption rejects or ignores; the runtime comes from functionAppConfig.</summary>
    public static readonly IReadOnlyList<string> SettingsFlexRejects =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
    ];

    public const string DeploymentContainer = "deployment-package";
    public const string BatchContainer = "aiops-batch";
    public const string BatchInputContainer = "aiops-batch-input";
    public const string BatchQueue = "aiops-batch";
    public const string BatchPoisonQueue = "aiops-batch-poison";

    /// <summary>Built-in role definition IDs (the same in every Azure cloud).</summary>
    public static class Roles
    {
        public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
        public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        public const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
        public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    }
}
