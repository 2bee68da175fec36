// Licensed under the MIT License.

namespace AiOps.Tests.Conformance;

/// <summary>The tool-loop conformance suite for Google Gemini (base URL: the host).</summary>
public sealed class GeminiToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.Google);
