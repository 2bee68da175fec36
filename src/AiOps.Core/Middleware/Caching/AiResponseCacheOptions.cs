// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>How <see cref="ResponseCacheChatClient"/> caches answers.</summary>
public sealed class AiResponseCacheOptions
{
    /// <summary>Gets or sets a value indicating whether calls are cached unless they opt out (<c>AI_CACHE</c>); calls opt in or out
    /// with <see cref="AiRequestProperties.Cache"/>.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how long an answer is served from the cache (<c>AI_CACHE_TTL</c>).</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan Ttl
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The TTL must be positive.");
    } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets what separates this client's entries from others' in a shared store (the default pipeline uses
    /// <c>provider @ endpoint</c>); part of every key.</summary>
    public string Partition { get; set; } = string.Empty;
}
