// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>A Gemini <c>Content</c>: a role (<c>user</c> or <c>model</c>; none for the system instruction) and its parts.</summary>
internal sealed class GeminiContent
{
    /// <summary>Gets or sets the role (<c>user</c> or <c>model</c>), or <see langword="null"/> for the system instruction.</summary>
    public string? Role { get; set; }

    /// <summary>Gets or sets the parts.</summary>
    public List<GeminiPart> Parts { get; set; } = [];
}
