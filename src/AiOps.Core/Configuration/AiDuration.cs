// Licensed under the MIT License.

using System;
using System.Globalization;

namespace AiOps;

/// <summary>Parses the durations AiOps settings accept: <c>30s</c>, <c>1m</c>, <c>500ms</c>, <c>2h</c>, a bare number of seconds, or TimeSpan text (<c>00:00:30</c>).</summary>
public static class AiDuration
{
    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The duration.</param>
    /// <returns>Whether <paramref name="text"/> is a valid, non-negative duration.</returns>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> s = text.AsSpan().Trim();
        double scale = 1.0;
        int suffix = 0;
        if (s.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            (scale, suffix) = (0.001, 2);
        }
        else if (s.EndsWith("s", StringComparison.OrdinalIgnoreCase))
        {
            (scale, suffix) = (1.0, 1);
        }
        else if (s.EndsWith("m", StringComparison.OrdinalIgnoreCase))
        {
            (scale, suffix) = (60.0, 1);
        }
        else if (s.EndsWith("h", StringComparison.OrdinalIgnoreCase))
        {
            (scale, suffix) = (3600.0, 1);
        }

        ReadOnlySpan<char> number = s[..^suffix];

        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
        {
            if (!double.IsFinite(amount) || amount < 0)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(amount * scale);
            return true;
        }

        if (s.Contains(':') && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out TimeSpan span) && span >= TimeSpan.Zero)
        {
            value = span;
            return true;
        }

        return false;
    }

    /// <summary>Formats a duration the way settings write it (<c>30s</c>, <c>500ms</c>).</summary>
    /// <param name="value">The duration.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan value) =>
        value.TotalSeconds >= 1 && value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s"
            : value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
}
