// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for Ollama (base URL: the host; <c>/v1</c> is appended).</summary>
public sealed class OllamaToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.Ollama, "/");
