// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace AiOps.Tests.Conformance;

/// <summary>The provider × feature matrix of docs/providers.md, parsed: rows by provider, cells by column.</summary>
/// <remarks>Cell grammar (the page states it under the table): <c>yes</c> or <c>no</c> first, then an optional note; backticked names in a
/// note are request fields (tools … prompt caching) or response headers (rate-limit headers) the tests look for. The usage column lists
/// canonical usage fields (<c>input, output, total, cached, reasoning</c>) before any note in parentheses.</remarks>
internal sealed partial class ProviderMatrix
{
    /// <summary>The heading the matrix follows.</summary>
    public const string Heading = "## Provider × feature matrix";

    /// <summary>The columns, in order.</summary>
    public static readonly string[] Columns =
    [
        "chat", "stream", "tools", "parallel tools", "JSON schema", "images", "reasoning", "prompt caching", "embeddings", "usage fields",
        "rate-limit headers",
    ];

    private ProviderMatrix(Dictionary<string, Dictionary<string, string>> rows) => Rows = rows;

    /// <summary>Gets the cells by row (provider) and column.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Rows { get; }

    /// <summary>Gets the path of docs/providers.md in the repository this test runs from.</summary>
    public static string DocPath
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AiOps.sln")))
                {
                    return Path.Combine(dir.FullName, "docs", "providers.md");
                }
            }

            throw new InvalidOperationException("AiOps.sln was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Reads and parses the matrix of docs/providers.md.</summary>
    public static ProviderMatrix Load() => Parse(File.ReadAllText(DocPath));

    /// <summary>Parses the first table after <see cref="Heading"/>.</summary>
    public static ProviderMatrix Parse(string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int at = Array.FindIndex(lines, l => l.Trim() == Heading);
        if (at < 0)
        {
            throw new FormatException($"docs/providers.md has no '{Heading}' heading.");
        }

        int header = Array.FindIndex(lines, at, l => l.TrimStart().StartsWith('|'));
        string[] names = Cells(lines[header]);
        if (!names.Skip(1).SequenceEqual(Columns) || names[0] != "provider")
        {
            throw new FormatException($"The matrix columns are [{string.Join(", ", names)}]; expected [provider, {string.Join(", ", Columns)}].");
        }

        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        for (int i = header + 2; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++)
        {
            string[] cells = Cells(lines[i]);
            if (cells.Length != names.Length)
            {
                throw new FormatException($"Matrix row '{lines[i]}' has {cells.Length} cells; expected {names.Length}.");
            }

            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int c = 1; c < cells.Length; c++)
            {
                row[names[c]] = cells[c];
            }

            rows.Add(cells[0], row);
        }

        return new ProviderMatrix(rows);
    }

    /// <summary>Reads the yes/no a cell starts with.</summary>
    public static bool YesNo(string cell) =>
        cell.StartsWith("yes", StringComparison.Ordinal) ? true :
        cell.StartsWith("no", StringComparison.Ordinal) ? false :
        throw new FormatException($"The cell '{cell}' must start with 'yes' or 'no'.");

    /// <summary>Gets the backticked names of a cell.</summary>
    public static IReadOnlyList<string> Names(string cell) => Backticks().Matches(cell).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Gets the comma-separated list a cell starts with (before any note in parentheses).</summary>
    public static IReadOnlyList<string> List(string cell)
    {
        int note = cell.IndexOf('(', StringComparison.Ordinal);
        string list = note < 0 ? cell : cell[..note];
        return list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] Cells(string line)
    {
        string trimmed = line.Trim();
        return trimmed.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticks();
}
