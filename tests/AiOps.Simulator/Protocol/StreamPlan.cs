// Licensed under the MIT License.

using System;

namespace AiOps.Simulator;

/// <summary>How a stream is delivered: pacing and the fault, if any, injected after a number of chunks.</summary>
public sealed record StreamPlan(int? ChunkCount, TimeSpan ChunkDelay, int? CutAfter, int? MalformedAt, int? ErrorAfter);
