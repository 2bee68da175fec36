// Parameters for infra/main.bicep (resource-group scope). Deploy with:
//
//   az deployment group create -g <resource-group> -f infra/main.bicep -p infra/main.bicepparam
//
// Every parameter of main.bicep is documented here. Values shown are the template defaults, so this file
// deploys the same thing as no parameter file; change what you need. Keys are never written in this file:
// they are read from environment variables when the deployment runs, and an unset variable means "do not
// touch that secret". See docs/deploy.md.
using 'main.bicep'

// --- Naming and placement ---------------------------------------------------------------------------------------

// location (string): Azure region of every resource. Not set here, so it defaults to the resource group's
// region (a parameter file cannot call resourceGroup()). To pin it: param location = 'westeurope'

// Short prefix in every resource name: 2-8 lowercase letters or digits. A hash of subscription, resource group
// and prefix is appended (func-aiops-<hash>, kv-aiops-<hash>, ...).
param namePrefix = 'aiops'

// Tags on every resource.
param tags = {
  application: 'aiops'
}

// --- Capacity and cost ------------------------------------------------------------------------------------------

// Memory per Flex Consumption instance in MB: 512, 2048 or 4096. Price per second scales with it.
param instanceMemoryMB = 2048

// Most instances the app scales out to (40-1000): the ceiling on cost during a burst.
param maximumInstanceCount = 100

// Storage redundancy: Standard_LRS, Standard_ZRS, Standard_GRS or Standard_RAGRS.
param storageSku = 'Standard_LRS'

// Days after which batch job blobs (aiops-batch/jobs/...) are deleted; 0 keeps them.
param batchRetentionDays = 30

// Days Log Analytics keeps data (30-730).
param logRetentionInDays = 30

// Daily Log Analytics ingestion cap in GB; -1 = no cap.
param logDailyQuotaGb = -1

// --- Key Vault --------------------------------------------------------------------------------------------------

// Days a deleted vault or secret can be recovered (7-90).
param keyVaultSoftDeleteRetentionInDays = 90

// Purge protection: recommended (true) for production. Irreversible, and it blocks redeploying into the same
// resource group after a teardown until the retention above has passed.
param keyVaultEnablePurgeProtection = false

// Provider and gateway keys, written to Key Vault only when the variable is set and non-empty:
//   OPENAI_API_KEY       -> secret openai-api-key       -> app setting OPENAI_API_KEY
//   ANTHROPIC_API_KEY    -> secret anthropic-api-key    -> app setting ANTHROPIC_API_KEY
//   GEMINI_API_KEY       -> secret gemini-api-key       -> app setting GEMINI_API_KEY
//   AZURE_OPENAI_API_KEY -> secret azure-openai-api-key -> app setting AZURE_OPENAI_API_KEY
//   AIOPS_GATEWAY_KEYS   -> secret aiops-gateway-keys   -> app setting AIOPS_GATEWAY_KEYS (comma-separated)
param openAiApiKey = readEnvironmentVariable('OPENAI_API_KEY', '')
param anthropicApiKey = readEnvironmentVariable('ANTHROPIC_API_KEY', '')
param geminiApiKey = readEnvironmentVariable('GEMINI_API_KEY', '')
param azureOpenAiApiKey = readEnvironmentVariable('AZURE_OPENAI_API_KEY', '')
param gatewayKeys = readEnvironmentVariable('AIOPS_GATEWAY_KEYS', '')

// Secrets already in the vault that the app should keep referencing when their variable is not set in this
// run, e.g. [ 'openai-api-key', 'aiops-gateway-keys' ]. List every secret you put in with az keyvault secret set.
param existingSecretNames = []

// --- Access for whoever deploys ---------------------------------------------------------------------------------

// Object ID that gets Key Vault Secrets Officer and Storage Blob/Queue Data Contributor; empty = none.
// Set AIOPS_DEPLOYER_ID=$(az ad signed-in-user show --query id -o tsv) before deploying.
param deployerPrincipalId = readEnvironmentVariable('AIOPS_DEPLOYER_ID', '')

// User, Group or ServicePrincipal.
param deployerPrincipalType = 'User'

// --- AiOps configuration (app settings; the configuration contract) --------------------------------------------

// AI_PROVIDER: openai, anthropic, google, azure-openai, ollama or openai-compatible.
param aiProvider = 'openai'

// AI_DEFAULT_MODEL: empty = the provider's default model.
param aiDefaultModel = ''

// AI_TIMEOUT: per-attempt timeout.
param aiTimeout = '100s'

// AI_MAX_RETRIES: retries on retryable errors.
param aiMaxRetries = 3

// AI_RETRY_BACKOFF: initial backoff.
param aiRetryBackoff = '1s'

// AI_CIRCUIT_BREAKER: true or false.
param aiCircuitBreaker = true

// AI_CIRCUIT_BREAKER_THRESHOLD: consecutive failures before the breaker opens.
param aiCircuitBreakerThreshold = 5

// AI_RATE_LIMIT: requests per second per instance; '0' = off.
param aiRateLimit = '0'

// AZURE_OPENAI_ENDPOINT: https://<resource>.openai.azure.com; empty = not set.
param azureOpenAiEndpoint = ''

// AZURE_OPENAI_API_VERSION: empty = the /openai/v1/ surface.
param azureOpenAiApiVersion = ''

// Model aliases (AiOps__Models__<alias> app settings), e.g. { fast: 'openai/gpt-4o-mini' }.
param modelAliases = {}
