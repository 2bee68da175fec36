// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary>Reads conversation history from what users pass: <see cref="AiChatResult"/>s, <see cref="AiChatMessage"/>s,
/// deserialized results (<c>Import-Clixml</c>, jobs), hashtables or objects with <c>Role</c> and <c>Content</c>.</summary>
internal static class HistoryReader
{
    private const string ResultTypeName = "AiOps.PowerShell.AiChatResult";

    /// <summary>Gets whether a piped object is a chat result (history) rather than context.</summary>
    public static bool IsChatResult(object? value)
    {
        if (value is AiChatResult)
        {
            return true;
        }

        if (value is PSObject ps)
        {
            if (ps.BaseObject is AiChatResult)
            {
                return true;
            }

            foreach (string name in ps.TypeNames)
            {
                if (name == ResultTypeName || name == "Deserialized." + ResultTypeName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Converts history items into engine messages.</summary>
    /// <exception cref="ArgumentException">An item is not a message.</exception>
    public static List<ChatMessageData> Read(IEnumerable<object?> items)
    {
        var messages = new List<ChatMessageData>();
        int index = 0;
        foreach (object? item in items)
        {
            AddItem(messages, item, index++);
        }

        return messages;
    }

    private static void AddItem(List<ChatMessageData> messages, object? item, int index)
    {
        object? value = PSValue.Base(item);
        switch (value)
        {
            case null:
                throw new ArgumentException($"-History item {index} is null.");
            case AiChatResult result:
                messages.AddRange(result.History.Select(FromMessage));
                return;
            case AiChatMessage message:
                messages.Add(FromMessage(message));
                return;
            case string:
                throw new ArgumentException($"-History item {index} is a string. Pass the result of an earlier Invoke-AiChat, or messages with Role and Content.");
        }

        if (IsChatResult(item) && Get(item, "History") is object nested)
        {
            foreach (object? m in LanguagePrimitives.GetEnumerable(nested) ?? new object?[] { nested })
            {
                AddItem(messages, m, index);
            }

            return;
        }

        string? role = Get(item, "Role")?.ToString();
        if (role is null)
        {
            throw new ArgumentException($"-History item {index} has no Role. Pass the result of an earlier Invoke-AiChat, or messages with Role and Content.");
        }

        var data = new ChatMessageData
        {
            Role = role,
            Content = Get(item, "Content")?.ToString(),
            ToolCallId = Get(item, "ToolCallId")?.ToString(),
            Name = Get(item, "Name")?.ToString(),
        };
        if (Get(item, "ToolCalls") is object calls)
        {
            foreach (object? call in LanguagePrimitives.GetEnumerable(calls) ?? Array.Empty<object>())
            {
                if (call is null)
                {
                    continue;
                }

                data.ToolCalls.Add(new ToolCallData
                {
                    Id = Get(call, "Id")?.ToString() ?? string.Empty,
                    Name = Get(call, "Name")?.ToString() ?? string.Empty,
                    Arguments = Get(call, "Arguments")?.ToString() ?? "{}",
                    Status = Get(call, "Status")?.ToString() ?? "Completed",
                    Result = Get(call, "Result")?.ToString(),
                });
            }
        }

        messages.Add(data);
    }

    private static ChatMessageData FromMessage(AiChatMessage m)
    {
        var data = new ChatMessageData { Role = m.Role, Content = m.Content, ToolCallId = m.ToolCallId, Name = m.Name };
        foreach (AiToolCall c in m.ToolCalls)
        {
            data.ToolCalls.Add(new ToolCallData { Id = c.Id, Name = c.Name, Arguments = c.Arguments, Status = c.Status, Result = c.Result });
        }

        return data;
    }

    private static object? Get(object? item, string name)
    {
        object? value = PSValue.Base(item);
        if (value is IDictionary dict)
        {
            foreach (DictionaryEntry e in dict)
            {
                if (string.Equals(e.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return PSValue.Base(e.Value);
                }
            }

            return null;
        }

        return PSValue.Base(PSObject.AsPSObject(item!).Properties[name]?.Value);
    }
}
