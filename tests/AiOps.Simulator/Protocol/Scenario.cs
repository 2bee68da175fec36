// Licensed under the MIT License.

using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator;

/// <summary>The scenario a request asks for: header <c>x-sim-scenario</c>, else a model named <c>sim-&lt;scenario&gt;[-&lt;arg&gt;]</c>,
/// else <c>text</c>. See docs/simulator.md for the list.</summary>
public sealed record Scenario(string Name, string? Arg)
{
    /// <summary>The header that selects a scenario (wins over the model name).</summary>
    public const string Header = "x-sim-scenario";

    /// <summary>Gets the default scenario: a short text answer.</summary>
    public static Scenario Default { get; } = new("text", null);

    /// <summary>Reads the scenario of a request.</summary>
    public static Scenario From(HttpRequest request, string? model)
    {
        string? text = request.Headers[Header].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            text = model is not null && model.StartsWith("sim-", StringComparison.OrdinalIgnoreCase) ? model[4..] : null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? new Scenario(text.ToLowerInvariant(), null) : new Scenario(text[..dash].ToLowerInvariant(), text[(dash + 1)..]);
    }

    /// <summary>Gets the argument as a number, or <paramref name="fallback"/>.</summary>
    public int ArgInt(int fallback) =>
        int.TryParse(Arg?.Split('-')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : fallback;
}
