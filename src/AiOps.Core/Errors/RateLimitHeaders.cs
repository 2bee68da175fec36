// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Net.Http.Headers;

namespace AiOps;

/// <summary>Reads provider rate-limit headers that say when a limit resets, for 429s that carry no <c>retry-after</c>.</summary>
internal static class RateLimitHeaders
{
    private static readonly string[] AnthropicLimits = ["requests", "tokens", "input-tokens", "output-tokens"];

    /// <summary>Anthropic: <c>anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{remaining,reset}</c>, resets as RFC 3339
    /// timestamps (wire-formats §3.1). Returns the wait until the latest reset among the limits that are exhausted (remaining 0),
    /// or <see langword="null"/> when no exhausted limit names a reset.</summary>
    public static TimeSpan? AnthropicResetDelay(HttpResponseHeaders headers, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        foreach (string limit in AnthropicLimits)
        {
            if (!RetryAfterParser.TryGet(headers, $"anthropic-ratelimit-{limit}-remaining", out string? remaining) ||
                !long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out long left) || left > 0)
            {
                continue;
            }

            if (RetryAfterParser.TryGet(headers, $"anthropic-ratelimit-{limit}-reset", out string? reset) &&
                DateTimeOffset.TryParse(reset, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset at))
            {
                TimeSpan delta = at - now;
                if (delta < TimeSpan.Zero)
                {
                    delta = TimeSpan.Zero;
                }

                if (wait is null || delta > wait)
                {
                    wait = delta;
                }
            }
        }

        return wait;
    }
}
