// Licensed under the MIT License.

namespace AiOps.PowerShell;

/// <summary>How piped objects become text in the prompt.</summary>
public enum ContextFormat
{
    /// <summary>PowerShell's default formatting (<c>Out-String</c>); strings are joined by new lines.</summary>
    Text,

    /// <summary>Compact JSON (<c>ConvertTo-Json -Depth 5 -Compress</c>): every property, fewest surprises for the model.</summary>
    Json,

    /// <summary>A table (<c>Format-Table -AutoSize | Out-String</c>): compact for many similar objects.</summary>
    Table,
}
