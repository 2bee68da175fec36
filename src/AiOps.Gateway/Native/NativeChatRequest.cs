// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>The native AiOps chat request (<c>POST /api/chat</c>): camelCase JSON with an explicit provider.</summary>
/// <remarks><code>{ "provider": "anthropic", "model": "claude-sonnet-4-5", "system": "…", "prompt": "…" | "messages": [{ "role", "content" }],
/// "temperature", "topP", "maxTokens", "stop", "seed", "json", "responseSchema", "stream" }</code></remarks>
internal sealed class NativeChatRequest
{
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public required List<ChatMessage> Messages { get; init; }

    public required ChatOptions Options { get; init; }

    public bool Stream { get; init; }

    public static NativeChatRequest Read(JsonElement root, GatewayOptions limits)
    {
        JsonRead.RejectProviderControl(root, null);
        var messages = new List<ChatMessage>();
        if (JsonRead.String(root, "system", "system") is string system)
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        if (JsonRead.Array(root, "messages", "messages") is JsonElement list)
        {
            int i = 0;
            foreach (JsonElement m in list.EnumerateArray())
            {
                string path = $"messages[{i}]";
                if (m.ValueKind != JsonValueKind.Object)
                {
                    throw JsonRead.Type(path, "an object with role and content");
                }

                string role = JsonRead.String(m, "role", path + ".role") ?? throw JsonRead.Missing(path + ".role", "system, user or assistant");
                string content = JsonRead.String(m, "content", path + ".content") ?? throw JsonRead.Missing(path + ".content", "the message text");
                ChatRole chatRole = role switch
                {
                    "system" => ChatRole.System,
                    "user" => ChatRole.User,
                    "assistant" => ChatRole.Assistant,
                    _ => throw new GatewayException(GatewayError.BadRequest($"'{path}.role' is '{role}'; use system, user or assistant.", path + ".role")),
                };
                messages.Add(new ChatMessage(chatRole, content));
                i++;
            }
        }

        if (JsonRead.String(root, "prompt", "prompt") is string prompt)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }

        if (messages.Count == 0 || (messages.Count == 1 && messages[0].Role == ChatRole.System))
        {
            throw JsonRead.Missing("prompt", "give 'prompt' or 'messages' with at least one user message");
        }

        if (messages.Count > limits.MaxMessages)
        {
            throw new GatewayException(GatewayError.BadRequest($"The request has {messages.Count} messages; this gateway accepts at most {limits.MaxMessages}.", "messages", "too_many_messages"));
        }

        var options = new ChatOptions
        {
            Temperature = JsonRead.Float(root, "temperature", "temperature"),
            TopP = JsonRead.Float(root, "topP", "topP"),
            Seed = JsonRead.Long(root, "seed", "seed"),
            MaxOutputTokens = JsonRead.Int(root, "maxTokens", "maxTokens"),
        };
        if (options.MaxOutputTokens is int max && (max <= 0 || max > limits.MaxTokens))
        {
            throw new GatewayException(GatewayError.BadRequest($"'maxTokens' is {max}; it must be between 1 and {limits.MaxTokens}.", "maxTokens", max > 0 ? "max_tokens_exceeded" : "invalid_value"));
        }

        if (JsonRead.StringOrArray(root, "stop", "stop") is List<string> stop)
        {
            options.StopSequences = stop;
        }

        if (JsonRead.Object(root, "responseSchema", "responseSchema") is JsonElement schema)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.Clone(), "response");
        }
        else if (JsonRead.Bool(root, "json", "json") == true)
        {
            options.ResponseFormat = ChatResponseFormat.Json;
        }

        return new NativeChatRequest
        {
            Provider = JsonRead.String(root, "provider", "provider"),
            Model = JsonRead.String(root, "model", "model"),
            Messages = messages,
            Options = options,
            Stream = JsonRead.Bool(root, "stream", "stream") ?? false,
        };
    }
}
