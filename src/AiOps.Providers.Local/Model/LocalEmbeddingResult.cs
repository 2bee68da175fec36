// Licensed under the MIT License.

namespace AiOps;

/// <summary>What <see cref="LocalEmbeddingEngine.Embed"/> produced.</summary>
/// <param name="Vectors">One unit-length vector per text, in input order.</param>
/// <param name="TokenCount">Word pieces processed, the window markers included.</param>
/// <param name="WindowCount">Model windows run (more than the texts when long texts were chunked).</param>
internal sealed record LocalEmbeddingResult(float[][] Vectors, long TokenCount, int WindowCount);
