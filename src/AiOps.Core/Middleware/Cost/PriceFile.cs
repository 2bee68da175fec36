// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>The JSON shape of a price file: <c>{"asOf": "…", "models": {"provider/model": {"input": …, "output": …}}}</c>.</summary>
internal sealed class PriceFile
{
    /// <summary>Gets or sets the date the prices were read from the vendors' pages.</summary>
    public string? AsOf { get; set; }

    /// <summary>Gets or sets the prices by <c>provider/model</c>.</summary>
    public Dictionary<string, AiModelPrice>? Models { get; set; }
}
