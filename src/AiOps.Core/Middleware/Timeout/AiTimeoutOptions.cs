// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>How long <see cref="TimeoutChatClient"/> and <see cref="TimeoutEmbeddingGenerator"/> let a call run.</summary>
public sealed class AiTimeoutOptions
{
    /// <summary>Gets or sets the limit: for a call, until it returns; for a stream, until its first update.</summary>
    /// <value>The default value is 100 seconds (<c>AI_TIMEOUT</c>).</value>
    public TimeSpan Timeout
    {
        get;
        set => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout must be positive.");
    } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets the longest gap between two updates of a stream; <see cref="TimeSpan.Zero"/> for none.</summary>
    /// <value>The default value is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan StreamIdleTimeout
    {
        get;
        set => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The idle timeout must not be negative.");
    }

    /// <summary>Gets or sets the setting named in the error message (<c>AI_TIMEOUT</c>, <c>AI_TOTAL_TIMEOUT</c>).</summary>
    /// <value>The default value is <c>AI_TIMEOUT</c>.</value>
    public string SettingName { get; set; } = "AI_TIMEOUT";

    /// <summary>Gets or sets the setting named when the idle timeout fires.</summary>
    /// <value>The default value is <c>AI_STREAM_IDLE_TIMEOUT</c>.</value>
    public string IdleSettingName { get; set; } = "AI_STREAM_IDLE_TIMEOUT";
}
