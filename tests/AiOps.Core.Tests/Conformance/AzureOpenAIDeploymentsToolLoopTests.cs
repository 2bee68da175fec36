// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for Azure OpenAI on the classic deployments URL (an api-version is set; the model is the deployment).</summary>
public sealed class AzureOpenAIDeploymentsToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.AzureOpenAI, "/", s => s.ApiVersion = "2024-10-21");
