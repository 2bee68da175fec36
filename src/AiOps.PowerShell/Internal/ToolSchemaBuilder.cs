// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace AiOps.PowerShell;

/// <summary>Builds a tool's JSON schema from a command's parameters (one parameter set, common parameters left out), with
/// descriptions from <c>HelpMessage</c> or the command's help.</summary>
internal static class ToolSchemaBuilder
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm", "UseTransaction",
    };

    /// <summary>Gets the parameters a tool exposes.</summary>
    /// <param name="command">The command.</param>
    /// <param name="parameterSet">The parameter set, or <see langword="null"/> for the default (or only) one.</param>
    /// <param name="include">Parameter names to expose, or <see langword="null"/> for all.</param>
    public static IReadOnlyList<CommandParameterInfo> Parameters(CommandInfo command, string? parameterSet, string[]? include)
    {
        IReadOnlyList<CommandParameterSetInfo> sets = command.ParameterSets;
        CommandParameterSetInfo? set = parameterSet is not null
            ? sets.FirstOrDefault(s => string.Equals(s.Name, parameterSet, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"{command.Name} has no parameter set '{parameterSet}'. Use one of: {string.Join(", ", sets.Select(s => s.Name))}.")
            : sets.FirstOrDefault(s => s.IsDefault) ?? (sets.Count > 0 ? sets[0] : null);
        if (set is null)
        {
            return [];
        }

        List<CommandParameterInfo> parameters = set.Parameters.Where(p => !Common.Contains(p.Name)).ToList();
        if (include is { Length: > 0 })
        {
            foreach (string name in include)
            {
                if (!parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ArgumentException($"{command.Name} has no parameter '{name}' in parameter set '{set.Name}'. Use one of: {string.Join(", ", parameters.Select(p => p.Name))}.");
                }
            }

            parameters = parameters.Where(p => include.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        return parameters;
    }

    /// <summary>Writes the schema.</summary>
    public static string Build(IReadOnlyList<CommandParameterInfo> parameters, IDictionary<string, string> descriptions)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            foreach (CommandParameterInfo p in parameters)
            {
                w.WritePropertyName(p.Name);
                w.WriteStartObject();
                WriteType(w, p.ParameterType, p.Attributes);
                string? description = !string.IsNullOrWhiteSpace(p.HelpMessage) ? p.HelpMessage
                    : descriptions.TryGetValue(p.Name, out string? d) && !string.IsNullOrWhiteSpace(d) ? d : null;
                if (description is not null)
                {
                    w.WriteString("description", description.Trim());
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("required");
            foreach (CommandParameterInfo p in parameters.Where(p => p.IsMandatory))
            {
                w.WriteStringValue(p.Name);
            }

            w.WriteEndArray();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteType(Utf8JsonWriter w, Type type, IEnumerable<Attribute> attributes)
    {
        ValidateSetAttribute? set = attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray && t != typeof(byte[]))
        {
            w.WriteString("type", "array");
            w.WritePropertyName("items");
            w.WriteStartObject();
            WriteType(w, t.GetElementType()!, attributes);
            w.WriteEndObject();
            return;
        }

        if (set is not null)
        {
            w.WriteString("type", "string");
            w.WriteStartArray("enum");
            foreach (string v in set.ValidValues)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            return;
        }

        if (t.IsEnum)
        {
            w.WriteString("type", "string");
            w.WriteStartArray("enum");
            foreach (string v in Enum.GetNames(t))
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            return;
        }

        string json = t switch
        {
            _ when t == typeof(bool) || t == typeof(SwitchParameter) => "boolean",
            _ when t == typeof(byte) || t == typeof(sbyte) || t == typeof(short) || t == typeof(ushort) || t == typeof(int) || t == typeof(uint)
                || t == typeof(long) || t == typeof(ulong) => "integer",
            _ when t == typeof(float) || t == typeof(double) || t == typeof(decimal) => "number",
            _ when typeof(IDictionary).IsAssignableFrom(t) => "object",
            _ => "string",
        };
        w.WriteString("type", json);
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
        {
            w.WriteString("format", "date-time");
        }
    }
}
