// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for OpenAI (base URL: with <c>/v1</c>).</summary>
public sealed class OpenAIToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.OpenAI, "/v1");
