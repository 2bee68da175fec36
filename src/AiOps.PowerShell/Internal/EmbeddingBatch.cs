// Licensed under the MIT License.

using System.Collections.Generic;
using System.Threading.Tasks;

namespace AiOps.PowerShell;

/// <summary>A batch of pipeline items sent in one embeddings request.</summary>
internal sealed class EmbeddingBatch
{
    public List<int> Indexes { get; } = [];

    public List<string> Texts { get; } = [];

    public List<object?> Inputs { get; } = [];

    public Task<float[][]>? Task { get; set; }

    public int Count => Texts.Count;
}
