// Flex Consumption plan (FC1) and the Function App that hosts the AiOps gateway and the batch queue trigger.
// The app runs as the user-assigned identity for everything: host storage, the deployment package, Key Vault
// references, Application Insights and (through AZURE_CLIENT_ID) the app's own Azure SDK calls.

@description('Name of the Function App (also the first label of its default host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app.')
param tags { *: string }

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of the user-assigned identity.')
param identityClientId string

@description('Blob service endpoint of the storage account, ending in a slash.')
param blobEndpoint string

@description('Queue service endpoint of the storage account, ending in a slash.')
param queueEndpoint string

@description('Table service endpoint of the storage account, ending in a slash.')
param tableEndpoint string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances the app scales out to (the platform accepts 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Vault URI, ending in a slash (https://<vault>.vault.azure.net/).')
param keyVaultUri string

@description('Key Vault references to add: [{ setting: APP_SETTING_NAME, secret: secret-name }], only secrets that exist.')
param keyVaultSecrets { setting: string, secret: string }[]

@description('Plain app settings (the AiOps configuration contract): name -> value. Empty values are left out.')
param settings { *: string }

// Identity-based host storage: no connection string, no account key. Blob and queue are what this app uses
// (host state, deployment package, batch blobs, the batch queue trigger); the table URI is set so the host's
// optional table features resolve to the same account instead of failing on a missing setting.
var platformSettings = [
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: blobEndpoint
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: queueEndpoint
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: tableEndpoint
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsightsConnectionString
  }
  {
    // Local auth is disabled on Application Insights; telemetry is sent with a token for this identity.
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identityClientId};Authorization=AAD'
  }
  {
    // DefaultAzureCredential (Azure.Identity) picks the user-assigned identity from this variable.
    name: 'AZURE_CLIENT_ID'
    value: identityClientId
  }
  {
    // Lets the app read secrets itself (SecretClient) to pick up a rotated key at once, without a restart.
    name: 'AIOPS_KEYVAULT_URI'
    value: keyVaultUri
  }
]

var contractSettings = map(filter(items(settings), s => !empty(s.value)), s => {
  name: s.key
  value: s.value
})

// Versionless secret URIs (nothing after the trailing slash): the platform resolves the latest version, so a
// rotated secret is picked up without redeploying. References are only added for secrets that exist, because a
// reference to a missing secret is handed to the app as the literal '@Microsoft.KeyVault(...)' text.
var keyVaultReferenceSettings = map(keyVaultSecrets, s => {
  name: s.setting
  value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${s.secret}/)'
})

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    // Without this, Key Vault references are resolved with the system-assigned identity, which this app does
    // not have, and every key setting would reach the app as unresolved '@Microsoft.KeyVault(...)' text.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(platformSettings, contractSettings, keyVaultReferenceSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing with user names and passwords: deployments authenticate with Microsoft Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = app.name

@description('Default host name of the Function App.')
output defaultHostName string = app.properties.defaultHostName
