// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>A line that failed, as listed in the status.</summary>
internal sealed class BatchLineError
{
    public int Line { get; set; }

    public string? CustomId { get; set; }

    public string? Code { get; set; }

    public string Message { get; set; } = string.Empty;
}
