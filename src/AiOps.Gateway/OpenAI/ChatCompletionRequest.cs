// Licensed under the MIT License.

using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>An OpenAI chat-completions request translated to Microsoft.Extensions.AI types.</summary>
internal sealed class ChatCompletionRequest
{
    public string? Model { get; init; }

    public required List<ChatMessage> Messages { get; init; }

    public required ChatOptions Options { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }
}
