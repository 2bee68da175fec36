// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for an OpenAI-compatible server (base URL: with <c>/v1</c>).</summary>
public sealed class OpenAICompatibleToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.OpenAICompatible, "/v1");
