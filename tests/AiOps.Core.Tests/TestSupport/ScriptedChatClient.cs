// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Tests;

/// <summary>A chat client driven by callbacks, recording what it was asked (a test double, not a mock).</summary>
public sealed class ScriptedChatClient : IChatClient
{
    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Respond { get; set; } = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"));

    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, IEnumerable<ChatResponseUpdate>> Stream { get; set; } = (_, _) => [new ChatResponseUpdate(ChatRole.Assistant, "ok")];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        return Task.FromResult(Respond(list, options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Calls.Add((list, options));
        foreach (ChatResponseUpdate update in Stream(list, options))
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted") : null;

    public void Dispose()
    {
    }
}
