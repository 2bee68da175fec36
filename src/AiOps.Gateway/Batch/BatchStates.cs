// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>Job and chunk states.</summary>
internal static class BatchStates
{
    public const string Validating = "validating";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Pending = "pending";
}
