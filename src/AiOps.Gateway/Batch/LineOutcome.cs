// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>What running a line produced.</summary>
/// <param name="OutputJson">The output line (one JSON object, no line break).</param>
/// <param name="Failed">Whether the output is an error.</param>
/// <param name="Transient">Whether the failure may go away on a later attempt.</param>
/// <param name="ErrorCode">The error code, for the status.</param>
/// <param name="ErrorMessage">The error message, for the status.</param>
internal sealed record LineOutcome(string OutputJson, bool Failed, bool Transient, string? ErrorCode, string? ErrorMessage);
