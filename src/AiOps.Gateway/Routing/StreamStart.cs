// Licensed under the MIT License.

using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>A stream whose first update has arrived: from here on failures go to the caller, not to another target.</summary>
/// <param name="Updates">The enumerator, positioned on the first update when <paramref name="HasFirst"/> is true. The caller disposes it.</param>
/// <param name="HasFirst">Whether the stream produced an update.</param>
/// <param name="Target">The target that is answering.</param>
/// <param name="FallbackTried">The targets that failed before it, or <see langword="null"/>.</param>
internal sealed record StreamStart(IAsyncEnumerator<ChatResponseUpdate> Updates, bool HasFirst, RouteTarget Target, string? FallbackTried);
