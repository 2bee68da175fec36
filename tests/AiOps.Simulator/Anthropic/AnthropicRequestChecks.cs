// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiOps.Simulator.Anthropic;

/// <summary>The request rules the real Messages API enforces that a client most often breaks (wire-formats §3.2, §3.3, §7):
/// required headers and fields, no <c>system</c> role, tool_use/tool_result pairing, and thinking blocks sent back with their
/// signature while tools are in use. A broken rule answers 400 <c>invalid_request_error</c>, as the API does.</summary>
internal static class AnthropicRequestChecks
{
    /// <summary>Returns the error message for the first broken rule, or <see langword="null"/>.</summary>
    public static string? Check(HttpRequest http, JsonElement body)
    {
        if (string.IsNullOrEmpty(http.Headers["anthropic-version"].ToString()))
        {
            return "anthropic-version: header is required";
        }

        if (!body.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.String)
        {
            return "model: Field required";
        }

        if (!body.TryGetProperty("max_tokens", out JsonElement maxTokens) || maxTokens.ValueKind != JsonValueKind.Number)
        {
            return "max_tokens: Field required";
        }

        if (!body.TryGetProperty("messages", out JsonElement messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return "messages: Field required";
        }

        bool thinking = false;
        if (body.TryGetProperty("thinking", out JsonElement th) && th.ValueKind == JsonValueKind.Object &&
            th.TryGetProperty("type", out JsonElement thType) && thType.GetString() == "enabled")
        {
            thinking = true;
            int budget = th.TryGetProperty("budget_tokens", out JsonElement b) && b.ValueKind == JsonValueKind.Number ? b.GetInt32() : 0;
            if (budget < 1024)
            {
                return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
            }

            if (maxTokens.GetInt32() <= budget)
            {
                return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
            }
        }

        int index = 0;
        List<string>? pendingToolUses = null;
        int lastAssistantWithTools = -1;
        JsonElement lastAssistantContent = default;
        foreach (JsonElement message in messages.EnumerateArray())
        {
            string role = message.TryGetProperty("role", out JsonElement r) ? r.GetString() ?? string.Empty : string.Empty;
            if (role == "system")
            {
                return "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, not \"system\" as an input message role.";
            }

            JsonElement content = message.TryGetProperty("content", out JsonElement c) ? c : default;
            var results = new List<string>();
            var uses = new List<string>();
            if (content.ValueKind == JsonValueKind.Array)
            {
                int blockIndex = 0;
                foreach (JsonElement block in content.EnumerateArray())
                {
                    string type = block.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? string.Empty : string.Empty;
                    if (type == "tool_use")
                    {
                        uses.Add(block.GetProperty("id").GetString() ?? string.Empty);
                    }
                    else if (type == "tool_result")
                    {
                        string id = block.TryGetProperty("tool_use_id", out JsonElement tid) ? tid.GetString() ?? string.Empty : string.Empty;
                        if (pendingToolUses is null || !pendingToolUses.Contains(id))
                        {
                            return $"messages.{index}.content.{blockIndex}: unexpected `tool_use_id` found in `tool_result` blocks: {id}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
                        }

                        results.Add(id);
                    }
                    else if (type is "thinking" && !AnthropicSignature.Verify(block))
                    {
                        return $"messages.{index}.content.{blockIndex}: Invalid `signature` in `thinking` block";
                    }

                    blockIndex++;
                }
            }

            if (pendingToolUses is not null)
            {
                List<string> missing = pendingToolUses.FindAll(id => !results.Contains(id));
                if (missing.Count > 0)
                {
                    return $"messages.{index - 1}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", missing)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.";
                }
            }

            pendingToolUses = role == "assistant" && uses.Count > 0 ? uses : null;
            if (role == "assistant" && uses.Count > 0)
            {
                lastAssistantWithTools = index;
                lastAssistantContent = content;
            }

            index++;
        }

        if (thinking && lastAssistantWithTools >= 0)
        {
            JsonElement first = lastAssistantContent[0];
            string type = first.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? string.Empty : string.Empty;
            if (type is not ("thinking" or "redacted_thinking"))
            {
                return string.Create(CultureInfo.InvariantCulture, $"messages.{lastAssistantWithTools}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{type}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns.");
            }
        }

        return null;
    }
}
