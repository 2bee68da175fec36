// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Net.Http.Headers;

namespace AiOps;

/// <summary>Reads server retry hints: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> and <c>retry-after</c> (seconds or an HTTP date).</summary>
internal static class RetryAfterParser
{
    /// <summary>Returns the server's requested delay, or <see langword="null"/> when it gave none (or a value that is negative or not finite).</summary>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (TryGet(headers, "retry-after-ms", out string? ms) && TryMilliseconds(ms, out TimeSpan fromMs))
        {
            return fromMs;
        }

        if (TryGet(headers, "x-ms-retry-after-ms", out string? msMs) && TryMilliseconds(msMs, out TimeSpan fromMsMs))
        {
            return fromMsMs;
        }

        if (TryGet(headers, "retry-after", out string? value) && value is not null)
        {
            return ParseRetryAfterValue(value, now);
        }

        return null;
    }

    /// <summary>Parses a <c>retry-after</c> value: a (possibly fractional) number of seconds, or an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfterValue(string value, DateTimeOffset now)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return double.IsFinite(seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            TimeSpan delta = date - now;
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return null;
    }

    /// <summary>Reads <c>x-should-retry</c>: true, false, or <see langword="null"/> when absent.</summary>
    public static bool? ShouldRetry(HttpResponseHeaders headers)
    {
        if (TryGet(headers, "x-should-retry", out string? v))
        {
            if (string.Equals(v, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(v, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return null;
    }

    /// <summary>Gets the first value of a header.</summary>
    public static bool TryGet(HttpResponseHeaders headers, string name, out string? value)
    {
        if (headers.TryGetValues(name, out var values))
        {
            foreach (string v in values)
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static bool TryMilliseconds(string? text, out TimeSpan value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && double.IsFinite(ms) && ms >= 0)
        {
            value = TimeSpan.FromMilliseconds(ms);
            return true;
        }

        value = default;
        return false;
    }
}
