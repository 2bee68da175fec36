// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace AiOps.PowerShell;

/// <summary>Runs a declared tool on the pipeline thread: checks the arguments against the declared parameters, splats them into
/// the command or scriptblock, and turns the output into text for the model.</summary>
internal static class ToolRunner
{
    /// <summary>The longest tool result sent back to the model.</summary>
    public const int MaxResultLength = 32_000;

    private const string InvokeScript = "param($__aiopsTool, $__aiopsArgs) & $__aiopsTool @__aiopsArgs 2>&1";
    private const string FormatScript = "param($Items) $Items | Out-String -Width 4096";

    /// <summary>Runs the tool and returns its output as text (errors it wrote are included).</summary>
    public static string Run(PSCmdlet cmdlet, AiTool tool, string argumentsJson)
    {
        Hashtable arguments = ParseArguments(tool, argumentsJson);
        object target = (object?)tool.ScriptBlock ?? tool.Command ?? throw new InvalidOperationException($"Tool '{tool.Name}' has nothing to run.");
        Collection<PSObject> output = cmdlet.InvokeCommand.InvokeScript(true, ScriptBlock.Create(InvokeScript), null, target, arguments);
        return Format(cmdlet, output);
    }

    /// <summary>Renders arguments for a confirmation prompt: <c>-Name 'x' -Count 3</c>.</summary>
    public static string Describe(string argumentsJson)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(argumentsJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return argumentsJson;
            }

            return string.Join(" ", doc.RootElement.EnumerateObject().Select(p => $"-{p.Name} {p.Value.GetRawText()}"));
        }
        catch (JsonException)
        {
            return argumentsJson;
        }
    }

    private static Hashtable ParseArguments(AiTool tool, string json)
    {
        var result = new Hashtable(StringComparer.OrdinalIgnoreCase);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The model sent arguments for '{tool.Name}' that are not valid JSON ({ex.Message}).", ex);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"The model sent arguments for '{tool.Name}' that are not a JSON object.");
            }

            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                string? declared = tool.Parameters.FirstOrDefault(n => string.Equals(n, p.Name, StringComparison.OrdinalIgnoreCase));
                if (declared is null)
                {
                    // Only declared parameters are passed: the model cannot reach -Force, -Path or anything else the tool did not expose.
                    throw new ArgumentException($"'{p.Name}' is not a parameter of tool '{tool.Name}'. Its parameters are: {string.Join(", ", tool.Parameters)}.");
                }

                result[declared] = ToValue(p.Value);
            }
        }

        return result;
    }

    private static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out long l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToArray(),
        JsonValueKind.Object => ToHashtable(e),
        _ => null,
    };

    private static Hashtable ToHashtable(JsonElement e)
    {
        var h = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty p in e.EnumerateObject())
        {
            h[p.Name] = ToValue(p.Value);
        }

        return h;
    }

    private static string Format(PSCmdlet cmdlet, Collection<PSObject> output)
    {
        var items = output.Where(o => o is not null).Select(o => (object)o).ToList();
        if (items.Count == 0)
        {
            return "(no output)";
        }

        string text;
        if (items.All(i => PSValue.Base(i) is string or ValueType))
        {
            text = string.Join("\n", items.Select(i => Convert.ToString(PSValue.Base(i), System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            var sb = new StringBuilder();
            foreach (PSObject o in cmdlet.InvokeCommand.InvokeScript(true, ScriptBlock.Create(FormatScript), null, new object[] { items.ToArray() }))
            {
                sb.Append(o?.BaseObject?.ToString());
            }

            text = sb.ToString().Trim();
        }

        return text.Length <= MaxResultLength ? text : text[..MaxResultLength] + "\n(output truncated)";
    }
}
