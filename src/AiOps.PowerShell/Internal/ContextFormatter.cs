// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace AiOps.PowerShell;

/// <summary>Turns pipeline objects into the context text appended to the prompt, on the pipeline thread.</summary>
internal static class ContextFormatter
{
    private const string TextScript = "param($Items) $Items | Out-String -Width 4096";
    private const string TableScript = "param($Items) $Items | Format-Table -AutoSize | Out-String -Width 4096";
    private const string JsonScript = "param($Items) if ($Items.Count -eq 1) { ConvertTo-Json -InputObject $Items[0] -Depth 5 -Compress -WarningAction SilentlyContinue } else { ConvertTo-Json -InputObject $Items -Depth 5 -Compress -WarningAction SilentlyContinue }";

    /// <summary>Formats the items, or returns an empty string when there are none.</summary>
    public static string Format(PSCmdlet cmdlet, IReadOnlyList<object> items, ContextFormat format)
    {
        if (items.Count == 0)
        {
            return string.Empty;
        }

        if (format == ContextFormat.Text && items.All(i => PSValue.Base(i) is string))
        {
            return string.Join("\n", items.Select(i => (string)PSValue.Base(i)!)).TrimEnd();
        }

        string script = format switch
        {
            ContextFormat.Json => JsonScript,
            ContextFormat.Table => TableScript,
            _ => TextScript,
        };
        var sb = new StringBuilder();
        foreach (PSObject o in cmdlet.InvokeCommand.InvokeScript(true, ScriptBlock.Create(script), null, new object[] { items.ToArray() }))
        {
            sb.Append(o?.BaseObject?.ToString());
        }

        return sb.ToString().Trim('\r', '\n').TrimEnd();
    }

    /// <summary>Puts the prompt and the context together into the user message.</summary>
    public static string Compose(string prompt, string context) =>
        context.Length == 0 ? prompt : prompt + "\n\nContext:\n" + context;
}
