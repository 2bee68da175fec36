// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for Anthropic (base URL: the host).</summary>
public sealed class AnthropicToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.Anthropic);
