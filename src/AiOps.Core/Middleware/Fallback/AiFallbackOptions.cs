// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>When <see cref="FallbackChatClient"/> moves a call to the next target, and how it balances equal-priority targets.</summary>
public sealed class AiFallbackOptions
{
    /// <summary>Gets or sets a value indicating whether <see cref="AiErrorKind.ContentFiltered"/> moves to the next target.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OnContentFiltered { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="AiErrorKind.ContextLengthExceeded"/> moves to the next target.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OnContextLengthExceeded { get; set; }

    /// <summary>Gets or sets the weight of the primary client among targets of priority 0.</summary>
    /// <value>The default value is 1.</value>
    public int PrimaryWeight
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "PrimaryWeight must be 1 or more.");
    } = 1;

    /// <summary>Gets or sets the primary client's provider, as <see cref="AiResponseProperties.Provider"/> reports it; <see langword="null"/>
    /// reads it from the client's <see cref="Microsoft.Extensions.AI.ChatClientMetadata"/>.</summary>
    public AiProviderId? PrimaryProvider { get; set; }

    /// <summary>Gets or sets the random source in [0, 1) for weighted picks (tests make it deterministic).</summary>
    internal Func<double> Random { get; set; } = static () => System.Random.Shared.NextDouble();

    /// <summary>Creates the options from <see cref="AiOpsOptions"/>.</summary>
    internal static AiFallbackOptions From(AiOpsOptions options) => new()
    {
        OnContentFiltered = options.FallbackOnContentFiltered,
        OnContextLengthExceeded = options.FallbackOnContextLengthExceeded,
        PrimaryWeight = options.PrimaryWeight,
    };
}
