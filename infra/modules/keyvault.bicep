// Key Vault for provider keys and gateway keys. Access is Azure RBAC only (no access policies), so the app's
// identity can read secrets (Key Vault Secrets User) and nothing else.

@description('Name of the vault (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags { *: string }

@description('Days a deleted vault or secret stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Turn on purge protection. Irreversible: once on, a deleted vault cannot be purged before its retention ends.')
param enablePurgeProtection bool

@description('Secret name -> value. Only non-empty values become secrets; an empty value leaves any existing secret alone.')
@secure()
param secretValues { *: string }

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects 'false' once purge protection is on (it can never be turned off), so "off" is sent
    // as an absent property rather than false.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Flex Consumption without a virtual network calls the vault over its public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  for secret in items(secretValues): if (!empty(secret.value)) {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
      contentType: 'text/plain'
    }
  }
]

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault, ending in a slash.')
output vaultUri string = vault.properties.vaultUri
