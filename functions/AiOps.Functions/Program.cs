// Licensed under the MIT License.

using AiOps.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// Isolated worker with ASP.NET Core integration: HTTP functions get the worker's HttpContext, so the gateway streams SSE from here.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FunctionsStartup.ConfigureServices(builder.Services, builder.Configuration);

IHost host = builder.Build();

// Fail at start-up, not on the first request, when the configuration is invalid (for example no gateway keys).
FunctionsStartup.Validate(host.Services);
await host.RunAsync();
