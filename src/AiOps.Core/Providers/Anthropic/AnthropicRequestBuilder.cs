// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Builds the Anthropic Messages request from the canonical conversation and options (wire-formats §3.2, §7).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>System messages (and <c>ChatOptions.Instructions</c>, first) are lifted to the top-level <c>system</c>, joined in order with a blank line.</item>
/// <item>Tool messages become <c>user</c> turns of <c>tool_result</c> blocks; consecutive turns of the same role are merged into one,
/// with <c>tool_result</c> blocks moved to the front of a merged user turn.</item>
/// <item>A turn that is one text block is sent as a plain string; everything else as blocks.</item>
/// </list>
/// Everything Anthropic cannot express fails here with <see cref="AiErrorKind.InvalidRequest"/>, before anything is sent.
/// </remarks>
internal static class AnthropicRequestBuilder
{
    /// <summary>Builds and serializes the request.</summary>
    /// <param name="messages">The validated conversation.</param>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <param name="model">The model (already defaulted).</param>
    /// <param name="stream">Whether to ask for a stream.</param>
    /// <param name="configuredBeta">The <c>anthropic-beta</c> value from the provider settings, if any.</param>
    /// <returns>The prepared request.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/>: something Anthropic cannot express.</exception>
    public static AnthropicPreparedRequest Build(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string model, bool stream, string? configuredBeta)
    {
        AdditionalPropertiesDictionary? extra = options?.AdditionalProperties;
        var request = new AnthropicRequest { Model = model, Stream = stream ? true : null };
        AnthropicCacheControl? optionsCache = AnthropicOptionReader.ReadCacheControl(extra, "ChatOptions.AdditionalProperties");

        request.System = BuildSystem(messages, options?.Instructions, optionsCache);
        request.Messages = BuildMessages(messages);
        AnthropicOptionsMapper.Apply(request, options, optionsCache);

        string? beta = Beta(configuredBeta, AnthropicOptionReader.ReadNames(extra, AnthropicOptions.Beta, "ChatOptions.AdditionalProperties"));
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(request, AnthropicJsonContext.Wire.AnthropicRequest);
        return new AnthropicPreparedRequest(body, beta, request);
    }

    private static AnthropicContent? BuildSystem(IReadOnlyList<ChatMessage> messages, string? instructions, AnthropicCacheControl? optionsCache)
    {
        StringBuilder? system = null;
        AnthropicCacheControl? cache = optionsCache;
        if (!string.IsNullOrEmpty(instructions))
        {
            system = new StringBuilder(instructions);
        }

        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            if (!IsSystem(message.Role))
            {
                continue;
            }

            cache ??= AnthropicOptionReader.ReadCacheControl(message.AdditionalProperties, $"messages[{i}].AdditionalProperties");
            for (int j = 0; j < message.Contents.Count; j++)
            {
                switch (message.Contents[j])
                {
                    case TextContent { Text.Length: > 0 } text:
                        system = system is null ? new StringBuilder(text.Text) : system.Append("\n\n").Append(text.Text);
                        cache ??= AnthropicOptionReader.ReadCacheControl(text.AdditionalProperties, $"messages[{i}].contents[{j}].AdditionalProperties");
                        break;
                    case TextContent or UsageContent:
                        break;
                    case AIContent other:
                        throw ChatRequestValidator.Invalid(
                            AiProviderId.Anthropic.Value,
                            $"messages[{i}].contents[{j}]",
                            $"Anthropic's system prompt takes only text; messages[{i}] (system) has {other.GetType().Name}. Move it to a user message.");
                }
            }
        }

        if (system is null)
        {
            return null;
        }

        string prompt = system.ToString();
        return cache is null
            ? AnthropicContent.FromText(prompt)
            : AnthropicContent.FromBlocks([new AnthropicContentBlock { Type = "text", Text = prompt, CacheControl = cache }]);
    }

    private static List<AnthropicMessage> BuildMessages(IReadOnlyList<ChatMessage> messages)
    {
        var wire = new List<AnthropicMessage>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            if (IsSystem(message.Role))
            {
                continue;
            }

            string role = message.Role == ChatRole.Assistant ? "assistant"
                : message.Role == ChatRole.User || message.Role == ChatRole.Tool ? "user"
                : throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, $"messages[{i}].role", $"Anthropic has user and assistant turns (plus the system prompt); messages[{i}] has role '{message.Role}'.");

            var blocks = new List<AnthropicContentBlock>(message.Contents.Count);
            for (int j = 0; j < message.Contents.Count; j++)
            {
                if (AnthropicContentMapper.ToWire(message.Contents[j], role, $"messages[{i}].contents[{j}]") is AnthropicContentBlock block)
                {
                    blocks.Add(block);
                }
            }

            if (blocks.Count == 0)
            {
                continue;
            }

            if (AnthropicOptionReader.ReadCacheControl(message.AdditionalProperties, $"messages[{i}].AdditionalProperties") is AnthropicCacheControl cache)
            {
                MarkLastCacheable(blocks, cache, i);
            }

            if (wire.Count > 0 && wire[^1].Role == role)
            {
                // "Consecutive user or assistant turns in your request will be combined into a single turn" — done here, explicitly.
                wire[^1].Content.Blocks.AddRange(blocks);
            }
            else
            {
                wire.Add(new AnthropicMessage { Role = role, Content = AnthropicContent.FromBlocks(blocks) });
            }
        }

        if (wire.Count == 0)
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "messages", "The conversation has only a system prompt (or content Anthropic does not take); Anthropic needs at least one user or assistant message.");
        }

        foreach (AnthropicMessage message in wire)
        {
            List<AnthropicContentBlock> blocks = message.Content.Blocks;
            if (message.Role == "user")
            {
                ToolResultsFirst(blocks);
            }

            if (blocks.Count == 1 && blocks[0] is { Type: "text", CacheControl: null, Text: string text })
            {
                message.Content = AnthropicContent.FromText(text);
            }
        }

        return wire;
    }

    private static void MarkLastCacheable(List<AnthropicContentBlock> blocks, AnthropicCacheControl cache, int index)
    {
        for (int k = blocks.Count - 1; k >= 0; k--)
        {
            if (blocks[k].Type is not ("thinking" or "redacted_thinking"))
            {
                blocks[k].CacheControl ??= cache;
                return;
            }
        }

        throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, $"messages[{index}]", $"messages[{index}] asks for a cache breakpoint but has only thinking blocks, which cannot carry one.");
    }

    private static void ToolResultsFirst(List<AnthropicContentBlock> blocks)
    {
        // tool_result blocks must open the user turn that follows the tool_use turn; keep the relative order otherwise.
        int firstOther = blocks.FindIndex(b => b.Type != "tool_result");
        if (firstOther < 0 || blocks.FindLastIndex(b => b.Type == "tool_result") < firstOther)
        {
            return;
        }

        var ordered = new List<AnthropicContentBlock>(blocks.Count);
        ordered.AddRange(blocks.FindAll(b => b.Type == "tool_result"));
        ordered.AddRange(blocks.FindAll(b => b.Type != "tool_result"));
        blocks.Clear();
        blocks.AddRange(ordered);
    }

    private static bool IsSystem(ChatRole role) => role == ChatRole.System || string.Equals(role.Value, "developer", System.StringComparison.OrdinalIgnoreCase);

    private static string? Beta(string? configured, List<string>? requested)
    {
        var names = new List<string>();
        foreach (string part in (configured ?? string.Empty).Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries))
        {
            names.Add(part);
        }

        if (requested is not null)
        {
            foreach (string name in requested)
            {
                if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
        }

        return names.Count == 0 ? null : string.Join(',', names);
    }
}
