// Licensed under the MIT License.

using AiOps.Gateway.Host;
using Microsoft.AspNetCore.Builder;

// dotnet run --project src/AiOps.Gateway.Host -- --urls http://127.0.0.1:5080
// Configuration: the same environment variables and AiOps section as the Functions app (docs/gateway.md).
WebApplication app = GatewayHost.Build(args);
await app.RunAsync();
