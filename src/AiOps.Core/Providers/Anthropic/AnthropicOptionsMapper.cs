// Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Maps <see cref="ChatOptions"/> onto an <see cref="AnthropicRequest"/>: sampling, stop sequences, <c>max_tokens</c>, tools and
/// <c>tool_choice</c>, extended thinking, structured output and the Anthropic-specific <see cref="AnthropicOptions"/>.</summary>
internal static class AnthropicOptionsMapper
{
    /// <summary>The schema sent for a function that declares none.</summary>
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>Applies the options.</summary>
    public static void Apply(AnthropicRequest request, ChatOptions? options, AnthropicCacheControl? optionsCache)
    {
        AdditionalPropertiesDictionary? extra = options?.AdditionalProperties;
        RejectUnsupported(options);

        int? budget = AnthropicOptionReader.ReadInt(extra, AnthropicOptions.ThinkingBudgetTokens, "ChatOptions.AdditionalProperties") ?? EffortBudget(options?.Reasoning);
        request.MaxTokens = MaxTokens(options?.MaxOutputTokens, budget, request.Model);
        if (budget is int b)
        {
            request.Thinking = new AnthropicThinking { BudgetTokens = b };
        }

        if (options is null)
        {
            return;
        }

        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.TopK = options.TopK;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            request.StopSequences = [.. stops];
        }

        request.Tools = Tools(options.Tools, optionsCache);
        request.ToolChoice = ToolChoice(options, request.Tools);

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            request.OutputConfig = json.Schema is JsonElement schema
                ? new AnthropicOutputConfig { Format = new AnthropicOutputFormat { Schema = schema } }
                : throw ChatRequestValidator.Invalid(
                    AiProviderId.Anthropic.Value,
                    "response_format",
                    "Anthropic has no schema-less JSON mode; give a schema (ChatResponseFormat.ForJsonSchema, .ResponseSchema<T>(), -ResponseSchema) or ask for JSON in the prompt.");
        }

        request.ServiceTier = AnthropicOptionReader.ReadString(extra, AnthropicOptions.ServiceTier, "ChatOptions.AdditionalProperties");
        if (AnthropicOptionReader.ReadString(extra, AnthropicOptions.MetadataUserId, "ChatOptions.AdditionalProperties") is string userId)
        {
            request.Metadata = new AnthropicMetadata { UserId = userId };
        }
    }

    private static void RejectUnsupported(ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        if (options.Seed is long seed)
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "seed", $"Anthropic has no seed parameter (Seed is {seed}); remove it for this provider.");
        }

        if (options.FrequencyPenalty is float frequency && frequency != 0)
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "frequency_penalty", $"Anthropic has no frequency penalty (FrequencyPenalty is {frequency.ToString(CultureInfo.InvariantCulture)}); remove it for this provider.");
        }

        if (options.PresencePenalty is float presence && presence != 0)
        {
            throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "presence_penalty", $"Anthropic has no presence penalty (PresencePenalty is {presence.ToString(CultureInfo.InvariantCulture)}); remove it for this provider.");
        }
    }

    private static int? EffortBudget(ReasoningOptions? reasoning) => reasoning?.Effort switch
    {
        ReasoningEffort.Low => 1024,
        ReasoningEffort.Medium => 4096,
        ReasoningEffort.High => 16384,
        ReasoningEffort.ExtraHigh => 32768,
        _ => null,
    };

    private static int MaxTokens(int? explicitMax, int? budget, string model)
    {
        if (budget is int b)
        {
            if (b < 1024)
            {
                throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, AnthropicOptions.ThinkingBudgetTokens, $"Anthropic's thinking budget must be at least 1,024 tokens; {AnthropicOptions.ThinkingBudgetTokens} is {b}.");
            }

            if (explicitMax is int max && max <= b)
            {
                throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "max_tokens", $"Anthropic counts thinking against max_tokens, so the thinking budget ({b}) must be below MaxTokens ({max}). Raise MaxTokens or lower {AnthropicOptions.ThinkingBudgetTokens}.");
            }
        }

        return explicitMax ?? AnthropicModelDefaults.MaxTokens(model) + (budget ?? 0);
    }

    private static List<AnthropicTool>? Tools(IList<AITool>? tools, AnthropicCacheControl? optionsCache)
    {
        if (tools is not { Count: > 0 })
        {
            return null;
        }

        var wire = new List<AnthropicTool>(tools.Count);
        for (int i = 0; i < tools.Count; i++)
        {
            if (tools[i] is not AIFunctionDeclaration function)
            {
                throw ChatRequestValidator.Invalid(
                    AiProviderId.Anthropic.Value,
                    $"tools[{i}]",
                    $"The Anthropic provider takes function tools only; tools[{i}] ('{tools[i]?.Name}') is {tools[i]?.GetType().Name ?? "null"}.");
            }

            if (string.IsNullOrWhiteSpace(function.Name))
            {
                throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, $"tools[{i}].name", $"tools[{i}] has no name.");
            }

            JsonElement schema = function.JsonSchema;
            if (schema.ValueKind == JsonValueKind.Undefined)
            {
                schema = EmptyObjectSchema;
            }
            else if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out JsonElement type) || !type.ValueEquals("object"))
            {
                throw ChatRequestValidator.Invalid(
                    AiProviderId.Anthropic.Value,
                    $"tools[{i}].input_schema",
                    $"Anthropic's input_schema must be an object schema (\"type\": \"object\"); the schema of tool '{function.Name}' is not. Wrap the parameters in an object.");
            }

            wire.Add(new AnthropicTool
            {
                Name = function.Name,
                Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
                InputSchema = schema,
                CacheControl = AnthropicOptionReader.ReadCacheControl(function.AdditionalProperties, $"tools[{i}].AdditionalProperties"),
            });
        }

        if (optionsCache is not null)
        {
            wire[^1].CacheControl ??= optionsCache;
        }

        return wire;
    }

    private static AnthropicToolChoice? ToolChoice(ChatOptions options, List<AnthropicTool>? tools)
    {
        bool? oneAtATime = options.AllowMultipleToolCalls == false ? true : null;
        switch (options.ToolMode)
        {
            case null or AutoChatToolMode:
                return tools is null || (options.ToolMode is null && oneAtATime is null) ? null : new AnthropicToolChoice { Type = "auto", DisableParallelToolUse = oneAtATime };
            case NoneChatToolMode:
                return tools is null ? null : new AnthropicToolChoice { Type = "none" };
            case RequiredChatToolMode required:
                if (tools is null)
                {
                    throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "tool_choice", "ToolMode requires a tool call, but no tools were given.");
                }

                if (required.RequiredFunctionName is not string name)
                {
                    return new AnthropicToolChoice { Type = "any", DisableParallelToolUse = oneAtATime };
                }

                return tools.Exists(t => t.Name == name)
                    ? new AnthropicToolChoice { Type = "tool", Name = name, DisableParallelToolUse = oneAtATime }
                    : throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "tool_choice", $"ToolMode requires the tool '{name}', which is not among the tools given.");
            default:
                throw ChatRequestValidator.Invalid(AiProviderId.Anthropic.Value, "tool_choice", $"The Anthropic provider does not know the tool mode {options.ToolMode.GetType().Name}.");
        }
    }
}
