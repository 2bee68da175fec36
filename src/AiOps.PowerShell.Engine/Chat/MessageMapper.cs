// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.PowerShell.Engine;

/// <summary>Maps conversation history between the module's neutral messages and Microsoft.Extensions.AI messages.</summary>
internal static class MessageMapper
{
    /// <summary>The result sent for a tool call the history left unanswered (so the conversation stays valid for the provider).</summary>
    public const string NotRunResult = "The tool was not run.";

    /// <summary>Builds the messages to send: system prompt, history, then the new user message.</summary>
    public static List<ChatMessage> Build(ChatRequestData request)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(request.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, request.SystemPrompt));
        }

        IList<ChatMessageData> history = request.History;
        for (int i = 0; i < history.Count; i++)
        {
            ChatMessageData data = history[i] ?? throw Invalid($"-History[{i}] is null.");
            ChatRole role = ParseRole(data.Role, i);
            if (role == ChatRole.System && request.SystemPrompt is not null)
            {
                continue; // -SystemPrompt replaces the system message carried in the history.
            }

            if (role == ChatRole.Tool)
            {
                if (string.IsNullOrEmpty(data.ToolCallId))
                {
                    throw Invalid($"-History[{i}] is a tool message without a ToolCallId.");
                }

                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(data.ToolCallId, data.Content ?? string.Empty)]));
                continue;
            }

            var contents = new List<AIContent>();
            if (!string.IsNullOrEmpty(data.Content))
            {
                contents.Add(new TextContent(data.Content));
            }

            foreach (ToolCallData call in data.ToolCalls)
            {
                contents.Add(new FunctionCallContent(call.Id, call.Name, ParseArguments(call.Arguments)));
            }

            if (contents.Count == 0)
            {
                throw Invalid($"-History[{i}] ({data.Role}) has no content. Give each message a Content, or remove it.");
            }

            messages.Add(new ChatMessage(role, contents));
            AnswerDanglingCalls(messages, data, history, i);
        }

        messages.Add(new ChatMessage(ChatRole.User, request.UserText));
        return messages;
    }

    /// <summary>Converts the conversation back, one entry per message (one per tool result).</summary>
    public static void ToData(IEnumerable<ChatMessage> messages, IList<ChatMessageData> into, IReadOnlyDictionary<string, ToolCallData>? calls)
    {
        foreach (ChatMessage message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                foreach (FunctionResultContent result in message.Contents.OfType<FunctionResultContent>())
                {
                    string? name = calls is not null && calls.TryGetValue(result.CallId, out ToolCallData? call) ? call.Name : null;
                    into.Add(new ChatMessageData { Role = "tool", ToolCallId = result.CallId, Name = name, Content = ResultText(result.Result) });
                }

                continue;
            }

            var data = new ChatMessageData { Role = message.Role.Value, Content = message.Text };
            foreach (FunctionCallContent call in message.Contents.OfType<FunctionCallContent>())
            {
                data.ToolCalls.Add(calls is not null && calls.TryGetValue(call.CallId, out ToolCallData? known)
                    ? known
                    : new ToolCallData { Id = call.CallId, Name = call.Name, Arguments = SerializeArguments(call.Arguments), Status = "Completed" });
            }

            into.Add(data);
        }
    }

    /// <summary>Serializes tool-call arguments to JSON text.</summary>
    public static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>Parses tool-call arguments from JSON text.</summary>
    public static Dictionary<string, object?> ParseArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                {
                    result[p.Name] = p.Value.Clone();
                }
            }

            return result;
        }
        catch (JsonException ex)
        {
            throw new AiException(AiErrorKind.InvalidRequest, $"A tool call's arguments in -History are not valid JSON ({ex.Message}).", ex) { Parameter = "-History" };
        }
    }

    private static string? ResultText(object? result) => result switch
    {
        null => null,
        string s => s,
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText(),
        _ => Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void AnswerDanglingCalls(List<ChatMessage> messages, ChatMessageData data, IList<ChatMessageData> history, int index)
    {
        foreach (ToolCallData call in data.ToolCalls)
        {
            bool answered = false;
            for (int j = index + 1; j < history.Count && !answered; j++)
            {
                answered = history[j] is { } later && string.Equals(later.ToolCallId, call.Id, StringComparison.Ordinal);
            }

            if (!answered)
            {
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.Id, NotRunResult)]));
            }
        }
    }

    private static ChatRole ParseRole(string? role, int index) => (role ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        "system" or "developer" => ChatRole.System,
        "user" => ChatRole.User,
        "assistant" or "model" => ChatRole.Assistant,
        "tool" => ChatRole.Tool,
        _ => throw Invalid($"-History[{index}] has role '{role}'; use system, user, assistant or tool."),
    };

    private static AiException Invalid(string message) => new(AiErrorKind.InvalidRequest, message) { Parameter = "-History" };
}
