// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Checks a chat request before anything is sent, so bad input fails with a message naming the parameter.</summary>
internal static class ChatRequestValidator
{
    /// <summary>Validates and materialises the messages.</summary>
    /// <returns>The messages as a list.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/>: what is wrong and how to fix it.</exception>
    public static IReadOnlyList<ChatMessage> Validate(IEnumerable<ChatMessage> messages, ChatOptions? options, string provider)
    {
        if (messages is null)
        {
            throw Invalid(provider, "messages", "The message list is null. Pass at least one message.");
        }

        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? new List<ChatMessage>(messages);
        if (list.Count == 0)
        {
            throw Invalid(provider, "messages", "The message list is empty. Add at least one user message (for example with .User(\"…\")).");
        }

        for (int i = 0; i < list.Count; i++)
        {
            ChatMessage? m = list[i];
            if (m is null)
            {
                throw Invalid(provider, $"messages[{i}]", $"messages[{i}] is null.");
            }

            if (!HasPayload(m))
            {
                throw Invalid(provider, $"messages[{i}]", $"messages[{i}] ({m.Role}) has neither content nor tool calls. Give it text, an image, a tool call or a tool result, or remove it.");
            }
        }

        if (options is not null)
        {
            if (options.Temperature is float t && (float.IsNaN(t) || float.IsInfinity(t) || t < 0))
            {
                throw Invalid(provider, "temperature", $"Temperature is {t.ToString(CultureInfo.InvariantCulture)}; it must be a finite number of 0 or more (providers accept 0–1 or 0–2).");
            }

            if (options.TopP is float p && (float.IsNaN(p) || p < 0 || p > 1))
            {
                throw Invalid(provider, "top_p", $"TopP is {p.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 1.");
            }

            if (options.MaxOutputTokens is int max && max <= 0)
            {
                throw Invalid(provider, "max_tokens", $"MaxTokens is {max}; it must be a positive number of tokens.");
            }

            if (options.TopK is int k && k <= 0)
            {
                throw Invalid(provider, "top_k", $"TopK is {k}; it must be positive.");
            }
        }

        return list;
    }

    /// <summary>Returns whether a function's parameter schema is an object schema (<c>"type": "object"</c>), or absent. OpenAI ("schema
    /// must be a JSON Schema of 'type: "object"'"), Anthropic (<c>input_schema</c>) and Gemini ("the schema must describe an object") all
    /// require one.</summary>
    public static bool IsObjectSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Undefined ||
        (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("object"));

    /// <summary>Fails when a function tool's parameter schema is not an object schema (see <see cref="IsObjectSchema"/>).</summary>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <param name="provider">The provider id.</param>
    /// <param name="field">The wire field of the schema, given the tool's index (<c>i => $"tools[{i}].function.parameters"</c>).</param>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/>: a schema that is not an object schema.</exception>
    public static void RequireObjectToolSchemas(ChatOptions? options, string provider, Func<int, string> field)
    {
        if (options?.Tools is not { Count: > 0 } tools)
        {
            return;
        }

        for (int i = 0; i < tools.Count; i++)
        {
            if (tools[i] is AIFunctionDeclaration function && !IsObjectSchema(function.JsonSchema))
            {
                throw Invalid(provider, field(i),
                    $"The parameter schema of tool '{function.Name}' is not an object schema (\"type\": \"object\"); function parameters must be one. Wrap the parameters in an object.");
            }
        }
    }

    private static bool HasPayload(ChatMessage m)
    {
        foreach (AIContent c in m.Contents)
        {
            switch (c)
            {
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                case FunctionCallContent:
                case FunctionResultContent:
                case DataContent:
                case UriContent:
                case TextReasoningContent:
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    /// <summary>Builds an <see cref="AiErrorKind.InvalidRequest"/> raised before sending.</summary>
    public static AiException Invalid(string provider, string parameter, string message) =>
        new(AiErrorKind.InvalidRequest, message + " Nothing was sent.") { Provider = provider, Parameter = parameter };
}
