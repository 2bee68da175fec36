// AiOps on Azure: one resource-group-scoped deployment that creates everything the Functions app needs.
//
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.bicepparam
//
// targetScope is resourceGroup: create the group first (docs/deploy.md). Only local modules are used, so the
// template builds offline; tests/AiOps.Infra.Tests compiles it and checks the security properties.
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Naming and placement
// ---------------------------------------------------------------------------------------------------------------

@description('Azure region for every resource; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Short prefix in every resource name (2-8 lowercase letters or digits). A hash of the subscription, resource group and prefix is appended, so names are stable across redeployments and unique per resource group.')
@minLength(2)
@maxLength(8)
param namePrefix string = 'aiops'

@description('Tags applied to every resource.')
param tags { *: string } = {}

// ---------------------------------------------------------------------------------------------------------------
// Capacity and cost
// ---------------------------------------------------------------------------------------------------------------

@description('Memory of each Flex Consumption instance in MB (512, 2048 or 4096). 2048 suits the gateway; memory size also scales the per-second price.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (the platform accepts 40-1000). Caps cost under a traffic burst.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Storage account redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_RAGRS'
])
param storageSku string = 'Standard_LRS'

@description('Days after which batch job blobs (aiops-batch/jobs/...) are deleted; 0 keeps them for ever.')
@minValue(0)
param batchRetentionDays int = 30

@description('Days Log Analytics keeps logs and telemetry (30-730; the first 31 days are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Daily Log Analytics ingestion cap in GB; -1 means no cap. A cap bounds cost but drops telemetry once reached.')
param logDailyQuotaGb int = -1

// ---------------------------------------------------------------------------------------------------------------
// Key Vault
// ---------------------------------------------------------------------------------------------------------------

@description('Days a deleted vault or secret stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Turn on Key Vault purge protection. Recommended for production; irreversible, and while a deleted vault is retained its name cannot be reused, so redeploying into the same resource group after a teardown fails until retention ends.')
param keyVaultEnablePurgeProtection bool = false

@description('OpenAI API key. Stored as Key Vault secret openai-api-key when given; empty leaves the vault unchanged.')
@secure()
param openAiApiKey string = ''

@description('Anthropic API key. Stored as Key Vault secret anthropic-api-key when given.')
@secure()
param anthropicApiKey string = ''

@description('Google Gemini API key. Stored as Key Vault secret gemini-api-key when given.')
@secure()
param geminiApiKey string = ''

@description('Azure OpenAI API key. Stored as Key Vault secret azure-openai-api-key when given.')
@secure()
param azureOpenAiApiKey string = ''

@description('Comma-separated keys callers present to the gateway (Authorization: Bearer or api-key). Stored as Key Vault secret aiops-gateway-keys when given.')
@secure()
param gatewayKeys string = ''

@description('Secrets already in the vault (put there with az keyvault secret set or an earlier deployment) that the app should reference even though no value is passed now. Without this, redeploying without the key parameters would drop their app settings.')
param existingSecretNames ('openai-api-key' | 'anthropic-api-key' | 'gemini-api-key' | 'azure-openai-api-key' | 'aiops-gateway-keys')[] = []

// ---------------------------------------------------------------------------------------------------------------
// Access for the person or pipeline that deploys
// ---------------------------------------------------------------------------------------------------------------

@description('Object ID of a user, group or service principal that gets Key Vault Secrets Officer on the vault and Blob/Queue Data Contributor on the storage account (to put keys in and inspect batch jobs). Empty grants nothing.')
param deployerPrincipalId string = ''

@description('Principal type of deployerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

// ---------------------------------------------------------------------------------------------------------------
// AiOps configuration (app settings the Functions app reads; see the configuration contract in the README)
// ---------------------------------------------------------------------------------------------------------------

@description('AI_PROVIDER: provider for bare model names (openai, anthropic, google, azure-openai, ollama, openai-compatible).')
param aiProvider string = 'openai'

@description('AI_DEFAULT_MODEL: model (Azure OpenAI: deployment) used when a request names none. Empty leaves the provider default.')
param aiDefaultModel string = ''

@description('AI_TIMEOUT: per-attempt timeout (30s, 1m, 500ms, or seconds as a bare number).')
param aiTimeout string = '100s'

@description('AI_MAX_RETRIES: retries on retryable provider errors.')
@minValue(0)
param aiMaxRetries int = 3

@description('AI_RETRY_BACKOFF: initial retry backoff (exponential, jittered; server hints win).')
param aiRetryBackoff string = '1s'

@description('AI_CIRCUIT_BREAKER: per-provider circuit breaker on or off.')
param aiCircuitBreaker bool = true

@description('AI_CIRCUIT_BREAKER_THRESHOLD: consecutive failures before the breaker opens.')
@minValue(1)
param aiCircuitBreakerThreshold int = 5

@description('AI_RATE_LIMIT: client-side requests per second per instance; 0 turns it off. A string so fractions such as 0.5 are possible.')
param aiRateLimit string = '0'

@description('AZURE_OPENAI_ENDPOINT: the Azure OpenAI resource endpoint (https://<resource>.openai.azure.com). Empty leaves it unset.')
param azureOpenAiEndpoint string = ''

@description('AZURE_OPENAI_API_VERSION: set to use the classic deployments URL with this api-version; empty uses the /openai/v1/ surface.')
param azureOpenAiApiVersion string = ''

@description('Model aliases the gateway routes and lists at /api/v1/models: alias -> provider/model, written as AiOps__Models__<alias> app settings. Example: { fast: \'openai/gpt-4o-mini\' }.')
param modelAliases { *: string } = {}

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, namePrefix))
var identityName = 'id-${namePrefix}-${resourceToken}'
var storageAccountName = take(toLower('st${namePrefix}${resourceToken}'), 24)
var keyVaultName = take('kv-${namePrefix}-${resourceToken}', 24)
var logAnalyticsName = 'log-${namePrefix}-${resourceToken}'
var appInsightsName = 'appi-${namePrefix}-${resourceToken}'
var planName = 'plan-${namePrefix}-${resourceToken}'
var functionAppName = 'func-${namePrefix}-${resourceToken}'

// Storage names fixed by the batch design (DESIGN.md "Batch storage"); the host derives <queue>-poison itself.
var deploymentContainerName = 'deployment-package'
var batchContainerName = 'aiops-batch'
var batchQueueName = 'aiops-batch'

// Built from the vault name and the cloud's Key Vault DNS suffix rather than read back from the vault, so the
// value is known before deployment (https://<vault>.vault.azure.net/ in the public cloud).
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'

// The one list of provider-key secrets: app setting the app reads, Key Vault secret name, and whether a value
// was passed in this deployment.
var secretNames = {
  openAi: 'openai-api-key'
  anthropic: 'anthropic-api-key'
  gemini: 'gemini-api-key'
  azureOpenAi: 'azure-openai-api-key'
  gateway: 'aiops-gateway-keys'
}
var providerSecrets = [
  {
    setting: 'OPENAI_API_KEY'
    secret: secretNames.openAi
    given: !empty(openAiApiKey)
  }
  {
    setting: 'ANTHROPIC_API_KEY'
    secret: secretNames.anthropic
    given: !empty(anthropicApiKey)
  }
  {
    setting: 'GEMINI_API_KEY'
    secret: secretNames.gemini
    given: !empty(geminiApiKey)
  }
  {
    setting: 'AZURE_OPENAI_API_KEY'
    secret: secretNames.azureOpenAi
    given: !empty(azureOpenAiApiKey)
  }
  {
    setting: 'AIOPS_GATEWAY_KEYS'
    secret: secretNames.gateway
    given: !empty(gatewayKeys)
  }
]

// A secret "exists" when it is written now or the caller says it is already in the vault.
var keyVaultSecrets = map(
  filter(providerSecrets, s => s.given || contains(existingSecretNames, s.secret)),
  s => {
    setting: s.setting
    secret: s.secret
  }
)

// The configuration contract. Empty optional values are left out by the app module, so the app's own
// defaults apply instead of an empty string that would fail validation.
var contractSettings = union(
  {
    AI_PROVIDER: aiProvider
    AI_DEFAULT_MODEL: aiDefaultModel
    AI_TIMEOUT: aiTimeout
    AI_MAX_RETRIES: string(aiMaxRetries)
    AI_RETRY_BACKOFF: aiRetryBackoff
    AI_CIRCUIT_BREAKER: aiCircuitBreaker ? 'true' : 'false'
    AI_CIRCUIT_BREAKER_THRESHOLD: string(aiCircuitBreakerThreshold)
    AI_RATE_LIMIT: aiRateLimit
    AZURE_OPENAI_ENDPOINT: azureOpenAiEndpoint
    AZURE_OPENAI_API_VERSION: azureOpenAiApiVersion
  },
  toObject(items(modelAliases), a => 'AiOps__Models__${a.key}', a => a.value)
)

// ---------------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------------

module identity 'modules/identity.bicep' = {
  name: 'aiops-identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'aiops-storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    batchContainerName: batchContainerName
    batchQueueName: batchQueueName
    batchRetentionDays: batchRetentionDays
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'aiops-monitoring'
  params: {
    logAnalyticsName: logAnalyticsName
    appInsightsName: appInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'aiops-keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultEnablePurgeProtection
    secretValues: {
      '${secretNames.openAi}': openAiApiKey
      '${secretNames.anthropic}': anthropicApiKey
      '${secretNames.gemini}': geminiApiKey
      '${secretNames.azureOpenAi}': azureOpenAiApiKey
      '${secretNames.gateway}': gatewayKeys
    }
  }
}

module roles 'modules/roles.bicep' = {
  name: 'aiops-roles'
  params: {
    appPrincipalId: identity.outputs.principalId
    // Names, not module outputs, so the role assignments' scopes are known before deployment.
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    appInsightsName: appInsightsName
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
  dependsOn: [
    storage
    keyVault
    monitoring
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'aiops-functionapp'
  params: {
    name: functionAppName
    planName: planName
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    keyVaultUri: keyVaultUri
    keyVaultSecrets: keyVaultSecrets
    settings: contractSettings
  }
  // The app starts reading storage and Key Vault as soon as it exists; grant its roles (and create the
  // secrets) first so the first start does not fail on 403s.
  dependsOn: [
    roles
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (names and URLs only; never a key)
// ---------------------------------------------------------------------------------------------------------------

@description('Name of the Function App (for az functionapp commands and publishing).')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the Function App.')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Base URL of the OpenAI-compatible gateway; point an OpenAI SDK\'s base URL here.')
output gatewayBaseUrl string = 'https://${functionApp.outputs.defaultHostName}/api/v1'

@description('Name of the Key Vault that holds the provider and gateway keys.')
output keyVaultName string = keyVault.outputs.name

@description('URI of the Key Vault.')
output keyVaultUri string = keyVault.outputs.vaultUri

@description('Name of the storage account (batch container and queues).')
output storageAccountName string = storage.outputs.name

@description('Client ID of the app\'s user-assigned managed identity.')
output managedIdentityClientId string = identity.outputs.clientId
