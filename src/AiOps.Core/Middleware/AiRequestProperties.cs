// Licensed under the MIT License.

namespace AiOps;

/// <summary>Keys a caller may set in <c>ChatOptions.AdditionalProperties</c> to steer AiOps middleware for one call.
/// The response cache layer of the default pipeline removes every <c>aiops.</c> key before the provider sees the options.</summary>
public static class AiRequestProperties
{
    /// <summary>A tag (<see cref="string"/>, for example a job id) the cost tracker totals by.</summary>
    public const string Tag = "aiops.tag";

    /// <summary>Whether this call may be answered from, and stored in, the response cache (<see cref="bool"/>); overrides <c>AI_CACHE</c>.</summary>
    public const string Cache = "aiops.cache";
}
