// Licensed under the MIT License.

namespace AiOps;

/// <summary>What the local provider does with a text longer than the model's window of 256 word pieces.</summary>
public enum LongInputHandling
{
    /// <summary>Split the text into consecutive windows of up to 254 word pieces (plus the model's two markers), embed every
    /// window and average the windows weighted by their token counts, then normalise. The whole text counts, at the cost of
    /// one model pass per window. This is the default.</summary>
    ChunkAndAverage = 0,

    /// <summary>Embed only the first 254 word pieces and ignore the rest, as sentence-transformers does. One model pass per
    /// text however long it is; the tail of a long text does not influence its vector.</summary>
    Truncate = 1,
}
