// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>A Gemini <c>Tool</c> entry; AiOps sends one holding every function declaration.</summary>
internal sealed class GeminiTool
{
    /// <summary>Gets or sets the function declarations.</summary>
    public List<GeminiFunctionDeclaration> FunctionDeclarations { get; set; } = [];
}
