// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps;

/// <summary>Gemini <c>functionCallingConfig</c>: <c>AUTO</c>, <c>ANY</c> or <c>NONE</c>, and the functions <c>ANY</c> may call.</summary>
internal sealed class GeminiFunctionCallingConfig
{
    /// <summary>Gets or sets the mode.</summary>
    public string Mode { get; set; } = "AUTO";

    /// <summary>Gets or sets the functions the model may call in <c>ANY</c> mode.</summary>
    public List<string>? AllowedFunctionNames { get; set; }
}
