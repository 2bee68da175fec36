// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Maps one <see cref="AIContent"/> to an Anthropic content block, failing with <see cref="AiErrorKind.InvalidRequest"/>
/// (naming the content's path) for anything Anthropic cannot express.</summary>
internal static class AnthropicContentMapper
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Maps a content of a <paramref name="role"/> turn; returns <see langword="null"/> for content that carries nothing to send.</summary>
    /// <param name="content">The content.</param>
    /// <param name="role"><c>user</c> or <c>assistant</c>.</param>
    /// <param name="path">Where the content is, for messages (<c>messages[2].contents[0]</c>).</param>
    public static AnthropicContentBlock? ToWire(AIContent content, string role, string path)
    {
        AnthropicContentBlock? block = content switch
        {
            TextContent text => string.IsNullOrEmpty(text.Text) ? null : new AnthropicContentBlock { Type = "text", Text = text.Text },
            TextReasoningContent reasoning => Reasoning(reasoning, role),
            DataContent data => Data(data, path),
            UriContent uri => Uri(uri, path),
            FunctionCallContent call => ToolUse(call, role, path),
            FunctionResultContent result => ToolResult(result, role, path),
            UsageContent or ErrorContent => null,
            _ when content.GetType() == typeof(AIContent) => null,
            _ => throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path, $"Anthropic cannot take {content.GetType().Name} content ({path}). Use text, images (DataContent/UriContent), PDF or plain-text documents, tool calls and tool results."),
        };

        if (block is not null && AnthropicOptionReader.ReadCacheControl(content.AdditionalProperties, path + ".AdditionalProperties") is AnthropicCacheControl cache)
        {
            if (block.Type is "thinking" or "redacted_thinking")
            {
                throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path, $"Anthropic cannot place a cache breakpoint on a thinking block ({path}); put cache_control on a text, image or tool block.");
            }

            block.CacheControl = cache;
        }

        return block;
    }

    /// <summary>Returns whether a reasoning content came from a <c>redacted_thinking</c> block.</summary>
    public static bool IsRedacted(TextReasoningContent reasoning) =>
        reasoning.AdditionalProperties?.TryGetValue(AnthropicOptions.RedactedThinking, out object? flag) == true &&
        flag is true or JsonElement { ValueKind: JsonValueKind.True };

    private static AnthropicContentBlock? Reasoning(TextReasoningContent reasoning, string role)
    {
        // Anthropic verifies thinking blocks by their signature: reasoning without one (a summary from another provider, or
        // text the caller wrote) cannot be sent back and is left out. Reasoning in a user turn is never sent.
        if (role != "assistant" || string.IsNullOrEmpty(reasoning.ProtectedData))
        {
            return null;
        }

        return IsRedacted(reasoning)
            ? new AnthropicContentBlock { Type = "redacted_thinking", Data = reasoning.ProtectedData }
            : new AnthropicContentBlock { Type = "thinking", Thinking = reasoning.Text ?? string.Empty, Signature = reasoning.ProtectedData };
    }

    private static AnthropicContentBlock Data(DataContent data, string path)
    {
        string media = data.MediaType.ToLowerInvariant();
        switch (media)
        {
            case "image/jpeg" or "image/png" or "image/gif" or "image/webp":
                return new AnthropicContentBlock
                {
                    Type = "image",
                    Source = new AnthropicSource { Type = "base64", MediaType = media, Data = data.Base64Data.ToString() },
                };
            case "application/pdf":
                return new AnthropicContentBlock
                {
                    Type = "document",
                    Source = new AnthropicSource { Type = "base64", MediaType = media, Data = data.Base64Data.ToString() },
                };
            case "text/plain":
                return new AnthropicContentBlock
                {
                    Type = "document",
                    Source = new AnthropicSource { Type = "text", MediaType = media, Data = Encoding.UTF8.GetString(data.Data.Span) },
                };
            default:
                throw ChatRequestValidator.Invalid(
                    AiProviderId.Anthropic.Value,
                    path + ".media_type",
                    $"Anthropic takes images as image/jpeg, image/png, image/gif or image/webp and documents as application/pdf or text/plain; {path} is '{data.MediaType}'. Convert it first.");
        }
    }

    private static AnthropicContentBlock Uri(UriContent uri, string path)
    {
        if (!uri.Uri.IsAbsoluteUri || (uri.Uri.Scheme != System.Uri.UriSchemeHttps && uri.Uri.Scheme != System.Uri.UriSchemeHttp))
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path + ".uri", $"Anthropic fetches only http(s) URLs; {path} is '{uri.Uri.Scheme}:'. Pass the bytes as DataContent instead.");
        }

        if (uri.HasTopLevelMediaType("image"))
        {
            return new AnthropicContentBlock { Type = "image", Source = new AnthropicSource { Type = "url", Url = uri.Uri.AbsoluteUri } };
        }

        if (string.Equals(uri.MediaType, "application/pdf", StringComparison.OrdinalIgnoreCase))
        {
            return new AnthropicContentBlock { Type = "document", Source = new AnthropicSource { Type = "url", Url = uri.Uri.AbsoluteUri } };
        }

        throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path + ".media_type", $"Anthropic fetches images and PDF documents by URL; {path} is '{uri.MediaType}'.");
    }

    private static AnthropicContentBlock ToolUse(FunctionCallContent call, string role, string path)
    {
        if (role != "assistant")
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path, $"A tool call ({path}) can only be in an assistant message.");
        }

        if (string.IsNullOrEmpty(call.CallId) || string.IsNullOrEmpty(call.Name))
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path, $"The tool call at {path} has no call id or name; Anthropic pairs every tool_use with its tool_result by id.");
        }

        JsonElement input = call.Arguments is null
            ? EmptyObject
            : JsonSerializer.SerializeToElement(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        return new AnthropicContentBlock { Type = "tool_use", Id = call.CallId, Name = call.Name, Input = input };
    }

    private static AnthropicContentBlock ToolResult(FunctionResultContent result, string role, string path)
    {
        if (role != "user")
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path, $"A tool result ({path}) must be in a tool or user message, not an assistant one.");
        }

        if (string.IsNullOrEmpty(result.CallId))
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, path, $"The tool result at {path} has no call id; Anthropic needs the id of the tool_use it answers.");
        }

        AnthropicContent? content = ResultContent(result.Result, path);
        if (content is null && result.Exception is not null)
        {
            // The exception itself is not sent: it may hold details the caller did not mean to share with the model.
            content = AnthropicContent.FromText("Error: the tool call failed.");
        }

        return new AnthropicContentBlock
        {
            Type = "tool_result",
            ToolUseId = result.CallId,
            Content = content,
            IsError = result.Exception is not null ? true : null,
        };
    }

    private static AnthropicContent? ResultContent(object? result, string path)
    {
        switch (result)
        {
            case null:
                return null;
            case string text:
                return AnthropicContent.FromText(text);
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return AnthropicContent.FromText(element.GetString()!);
            case JsonElement element:
                return AnthropicContent.FromText(element.GetRawText());
            case AIContent single:
                return AnthropicContent.FromBlocks(ResultBlocks([single], path));
            case IEnumerable<AIContent> many:
                return AnthropicContent.FromBlocks(ResultBlocks(many, path));
            default:
                return AnthropicContent.FromText(JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions.GetTypeInfo(result.GetType())));
        }
    }

    private static List<AnthropicContentBlock> ResultBlocks(IEnumerable<AIContent> contents, string path)
    {
        var blocks = new List<AnthropicContentBlock>();
        int k = 0;
        foreach (AIContent content in contents)
        {
            string itemPath = $"{path}.result[{k++}]";
            if (content is not (TextContent or DataContent or UriContent))
            {
                throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, itemPath, $"A tool result can carry text, images and documents on Anthropic; {itemPath} is {content.GetType().Name}.");
            }

            if (ToWire(content, "user", itemPath) is AnthropicContentBlock block)
            {
                blocks.Add(block);
            }
        }

        return blocks;
    }
}
