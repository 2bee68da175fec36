// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Adds <see cref="FallbackChatClient"/> to chat pipelines.</summary>
public static class FallbackChatClientBuilderExtensions
{
    /// <summary>Moves failed chat calls to other targets (see <see cref="FallbackChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="targets">The fallback targets, each with its own client.</param>
    /// <param name="options">When to fall back; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsFallback(this ChatClientBuilder builder, IEnumerable<AiFallbackTarget> targets, AiFallbackOptions? options = null)
    {
        _ = Throw.IfNull(builder);
        _ = Throw.IfNull(targets);
        return builder.Use((inner, services) => new FallbackChatClient(inner, targets, options, services.GetService<ILoggerFactory>()?.CreateLogger(AiOpsLoggerCategories.Resilience)));
    }
}
