// Licensed under the MIT License.

using System;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>A fallback target of a <see cref="FallbackChatClient"/>: where a call goes (<see cref="Route"/>) and the client that sends it.</summary>
public sealed class AiFallbackTarget
{
    private readonly Lazy<IChatClient> _client;

    /// <summary>Initializes a new instance of the <see cref="AiFallbackTarget"/> class.</summary>
    /// <param name="route">The provider, model, weight and priority.</param>
    /// <param name="client">The client that sends calls to it (with its own resilience; it is not disposed by the fallback client).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public AiFallbackTarget(AiRouteTarget route, IChatClient client)
    {
        Route = Throw.IfNull(route);
        _ = Throw.IfNull(client);
        _client = new Lazy<IChatClient>(client);
    }

    /// <summary>Initializes a new instance of the <see cref="AiFallbackTarget"/> class whose client is created on first use.</summary>
    /// <param name="route">The provider, model, weight and priority.</param>
    /// <param name="clientFactory">Creates the client the first time the target is tried.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public AiFallbackTarget(AiRouteTarget route, Func<IChatClient> clientFactory)
    {
        Route = Throw.IfNull(route);
        _client = new Lazy<IChatClient>(Throw.IfNull(clientFactory));
    }

    /// <summary>Gets where calls go.</summary>
    public AiRouteTarget Route { get; }

    /// <summary>Gets the client (created on first use).</summary>
    public IChatClient Client => _client.Value;
}
