// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps;

/// <summary>Adds <see cref="ResponseCacheChatClient"/> to chat pipelines.</summary>
public static class ResponseCacheChatClientBuilderExtensions
{
    /// <summary>Caches chat answers (see <see cref="ResponseCacheChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="store">The store; <see langword="null"/> resolves <see cref="IDistributedCache"/> from services, else an in-memory store of 1,000 answers.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static ChatClientBuilder UseAiOpsResponseCache(this ChatClientBuilder builder, IDistributedCache? store = null, AiResponseCacheOptions? options = null)
    {
        _ = Throw.IfNull(builder);
        return builder.Use((inner, services) => new ResponseCacheChatClient(
            inner,
            store ?? services.GetService<IDistributedCache>() ?? new InMemoryResponseCache(services.GetService<TimeProvider>() ?? TimeProvider.System, 1000),
            options));
    }
}
