// The one identity the app runs as. A user-assigned identity (not system-assigned) so that role assignments and
// Key Vault access exist before the Function App does, and survive re-creating the app.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID of the identity.')
output id string = identity.id

@description('Client (application) ID of the identity: what AZURE_CLIENT_ID and the __clientId settings carry.')
output clientId string = identity.properties.clientId

@description('Object (principal) ID of the identity: what role assignments grant to.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
