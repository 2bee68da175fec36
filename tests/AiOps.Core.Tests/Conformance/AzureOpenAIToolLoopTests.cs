// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for Azure OpenAI on the <c>/openai/v1/</c> surface (base URL: the resource endpoint).</summary>
public sealed class AzureOpenAIToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.AzureOpenAI, "/");
