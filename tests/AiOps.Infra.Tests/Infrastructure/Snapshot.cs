using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>
/// A deployment snapshot (<c>bicep snapshot</c>): the flattened list of resources the template would deploy
/// for one set of parameters, with names, ids and values evaluated wherever they do not depend on runtime state.
/// </summary>
internal sealed class Snapshot
{
    private Snapshot(JsonElement root)
    {
        Resources = root.GetProperty("predictedResources").EnumerateArray().ToList();
        Outputs = root.GetProperty("outputs");
        Diagnostics = root.GetProperty("diagnostics");
    }

    public IReadOnlyList<JsonElement> Resources { get; }

    public JsonElement Outputs { get; }

    public JsonElement Diagnostics { get; }

    public static Snapshot Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new Snapshot(document.RootElement.Clone());
    }

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one resource of a type, or null when there is none (a check reports that, not an exception).</summary>
    public JsonElement? SingleOrNone(string type)
    {
        var matches = OfType(type).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public static string Id(JsonElement resource) => resource.GetProperty("id").GetString()!;

    public static string Name(JsonElement resource) => resource.GetProperty("name").GetString()!;

    /// <summary>The ARM resource ID of the single resource of a type (for comparing references).</summary>
    public string IdOf(string type) =>
        SingleOrNone(type) is { } resource ? Id(resource) : throw new InvalidOperationException($"No single {type} in the snapshot.");

    /// <summary>The Function App's app settings in order, as raw JSON strings (expressions left as they are).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> AppSettings()
    {
        var site = SingleOrNone("Microsoft.Web/sites") ?? throw new InvalidOperationException("No single Function App in the snapshot.");
        var settings = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings");
        if (settings.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException($"App settings were not evaluated: {settings}");
        }

        return settings.EnumerateArray()
            .Select(s => new KeyValuePair<string, string>(s.GetProperty("name").GetString()!, s.GetProperty("value").GetString()!))
            .ToList();
    }

    public IReadOnlyDictionary<string, string> AppSettingsByName() =>
        AppSettings().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
