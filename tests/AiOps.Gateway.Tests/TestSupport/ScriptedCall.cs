// Licensed under the MIT License.

using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway.Tests;

/// <summary>One call a scripted provider received.</summary>
public sealed record ScriptedCall(string Provider, string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, bool Streaming)
{
    public int? Dimensions { get; init; }

    /// <summary>Gets the provider key the call resolved (through the secret resolver, as real providers do).</summary>
    public string? ApiKey { get; init; }
}
