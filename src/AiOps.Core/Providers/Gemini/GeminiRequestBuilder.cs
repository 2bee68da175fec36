// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Builds a <see cref="GeminiRequest"/> from Microsoft.Extensions.AI messages and options (wire-formats §4.2, §4.3, §6, §7),
/// failing with <see cref="AiErrorKind.InvalidRequest"/> (provider and field named) for anything Gemini cannot express, before sending.</summary>
/// <remarks>
/// <list type="bullet">
/// <item>System messages and <c>ChatOptions.Instructions</c> become <c>systemInstruction</c> parts, in order (instructions first), wherever
/// the system messages sit in the conversation.</item>
/// <item>User → <c>user</c>, assistant → <c>model</c>, tool → <c>user</c> with <c>functionResponse</c> parts; consecutive turns with the same
/// Gemini role are merged into one content.</item>
/// <item>A <c>functionResponse</c> needs the function's name, found from the earlier call with the same id; its <c>response</c> is always an
/// object: a JSON object result as is, anything else as <c>{"output": …}</c>, a failed call as <c>{"error": …}</c>.</item>
/// <item>Call ids are sent back (<c>functionCall.id</c>/<c>functionResponse.id</c>) unless AiOps made them up (see
/// <see cref="GeminiResponseMapper.SyntheticIdPrefix"/>); thought signatures go back where they came from (see
/// <see cref="GeminiResponseMapper"/>).</item>
/// </list>
/// </remarks>
internal static class GeminiRequestBuilder
{
    /// <summary>The image types Gemini reads (its image-understanding documentation): PNG, JPEG, WEBP, HEIC, HEIF.</summary>
    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/webp", "image/heic", "image/heif",
    };

    /// <summary>Builds the request.</summary>
    /// <param name="messages">The validated messages.</param>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <param name="provider">The provider id, for errors.</param>
    /// <returns>The request.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/>.</exception>
    public static GeminiRequest Build(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string provider)
    {
        var request = new GeminiRequest();
        var system = new GeminiContent();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            system.Parts.Add(new GeminiPart { Text = instructions });
        }

        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < messages.Count; i++)
        {
            ChatMessage message = messages[i];
            if (message.Role == ChatRole.System)
            {
                AddSystem(system, message, i, provider);
                continue;
            }

            string role = message.Role == ChatRole.User || message.Role == ChatRole.Tool ? "user"
                : message.Role == ChatRole.Assistant ? "model"
                : throw ChatRequestValidator.Invalid(provider, $"messages[{i}].role",
                    $"Gemini has no role '{message.Role}' (messages[{i}]). Use system, user, assistant or tool.");

            List<GeminiPart> parts = ToParts(message, i, role, callNames, provider);
            if (parts.Count == 0)
            {
                continue;
            }

            if (request.Contents.Count > 0 && request.Contents[^1].Role == role)
            {
                request.Contents[^1].Parts.AddRange(parts);
            }
            else
            {
                request.Contents.Add(new GeminiContent { Role = role, Parts = parts });
            }
        }

        if (request.Contents.Count == 0)
        {
            throw ChatRequestValidator.Invalid(provider, "messages",
                "Gemini needs at least one user or assistant message besides the system instructions.");
        }

        if (system.Parts.Count > 0)
        {
            request.SystemInstruction = system;
        }

        if (options is not null)
        {
            ApplyOptions(request, options, provider);
        }

        return request;
    }

    private static void AddSystem(GeminiContent system, ChatMessage message, int index, string provider)
    {
        for (int j = 0; j < message.Contents.Count; j++)
        {
            switch (message.Contents[j])
            {
                case TextContent text when text.Text.Length > 0:
                    system.Parts.Add(new GeminiPart { Text = text.Text });
                    break;
                case TextContent or UsageContent:
                    break;
                case AIContent other:
                    throw ChatRequestValidator.Invalid(provider, $"messages[{index}].contents[{j}]",
                        $"Gemini system instructions take text only; messages[{index}] (system) holds {other.GetType().Name}. Move it to a user message.");
            }
        }
    }

    private static List<GeminiPart> ToParts(ChatMessage message, int index, string role, Dictionary<string, string> callNames, string provider)
    {
        var parts = new List<GeminiPart>(message.Contents.Count);
        IList<AIContent> contents = message.Contents;
        for (int j = 0; j < contents.Count; j++)
        {
            string field = $"messages[{index}].contents[{j}]";
            switch (contents[j])
            {
                case TextContent text:
                    if (text.Text.Length > 0)
                    {
                        parts.Add(new GeminiPart { Text = text.Text });
                    }

                    break;

                case TextReasoningContent reasoning:
                    if (role != "model")
                    {
                        break;
                    }

                    if (reasoning.Text.Length > 0)
                    {
                        parts.Add(new GeminiPart { Text = reasoning.Text, Thought = true, ThoughtSignature = reasoning.ProtectedData });
                    }
                    else if (reasoning.ProtectedData is { Length: > 0 } signature)
                    {
                        // A signature that belonged to the part before it (text, data, or a call from another MEAI adapter).
                        if (parts.Count > 0 && parts[^1].ThoughtSignature is null)
                        {
                            parts[^1].ThoughtSignature = signature;
                        }
                        else if (parts.Count == 0)
                        {
                            parts.Add(new GeminiPart { Text = string.Empty, ThoughtSignature = signature });
                        }
                    }

                    break;

                case DataContent data:
                    CheckMediaType(data.MediaType, field, provider);
                    parts.Add(new GeminiPart { InlineData = new GeminiBlob { MimeType = data.MediaType, Data = data.Base64Data.ToString() } });
                    break;

                case UriContent uri:
                    CheckMediaType(uri.MediaType, field, provider);
                    parts.Add(new GeminiPart { FileData = new GeminiFileData { MimeType = uri.MediaType, FileUri = uri.Uri.AbsoluteUri } });
                    break;

                case FunctionCallContent call:
                    if (role != "model")
                    {
                        throw ChatRequestValidator.Invalid(provider, field,
                            $"A function call can only appear in an assistant message for Gemini; messages[{index}] is {message.Role}.");
                    }

                    parts.Add(ToFunctionCallPart(call, field, provider));
                    callNames[call.CallId] = call.Name;
                    break;

                case FunctionResultContent result:
                    if (role != "user")
                    {
                        throw ChatRequestValidator.Invalid(provider, field,
                            $"A function result can only appear in a tool or user message for Gemini; messages[{index}] is {message.Role}.");
                    }

                    if (!callNames.TryGetValue(result.CallId, out string? name))
                    {
                        throw ChatRequestValidator.Invalid(provider, field,
                            $"The function result with call id '{result.CallId}' (messages[{index}]) answers no earlier function call. Gemini needs the function's name; keep the assistant message with the call in the history.");
                    }

                    parts.Add(new GeminiPart
                    {
                        FunctionResponse = new GeminiFunctionResponse
                        {
                            Id = SendableId(result.CallId),
                            Name = name,
                            Response = ToResponseObject(result, field, provider),
                        },
                    });
                    break;

                case UsageContent:
                    break;

                case AIContent other:
                    throw ChatRequestValidator.Invalid(provider, field,
                        $"Gemini cannot take {other.GetType().Name} content (messages[{index}]). Use text, images (DataContent/UriContent), function calls or function results.");
            }
        }

        return parts;
    }

    private static GeminiPart ToFunctionCallPart(FunctionCallContent call, string field, string provider)
    {
        JsonElement args;
        try
        {
            args = JsonValues.ToElement(call.Arguments ?? new Dictionary<string, object?>());
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw ChatRequestValidator.Invalid(provider, field + ".arguments", $"The arguments of the function call '{call.Name}' cannot be written as JSON: {ex.Message}");
        }

        // A history that went through JSON (the gateway, a saved PowerShell history) holds the signature as a JsonElement.
        object? stored = null;
        _ = call.AdditionalProperties?.TryGetValue(GeminiResponseMapper.ThoughtSignatureKey, out stored);
        string? signature = stored switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            _ => null,
        };
        return new GeminiPart
        {
            FunctionCall = new GeminiFunctionCall { Id = SendableId(call.CallId), Name = call.Name, Args = args },
            ThoughtSignature = signature,
        };
    }

    private static JsonElement ToResponseObject(FunctionResultContent result, string field, string provider)
    {
        JsonElement value;
        try
        {
            value = JsonValues.ToElement(result.Result);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw ChatRequestValidator.Invalid(provider, field + ".result", $"The function result for call '{result.CallId}' cannot be written as JSON: {ex.Message}");
        }

        if (result.Exception is not null)
        {
            // Gemini's convention: "error" carries the failure (wire-formats §4.3).
            object error = value.ValueKind == JsonValueKind.Null ? result.Exception.Message : value;
            return JsonValues.ToElement(new Dictionary<string, object?> { ["error"] = error });
        }

        return value.ValueKind == JsonValueKind.Object
            ? value
            : JsonValues.ToElement(new Dictionary<string, object?> { ["output"] = value });
    }

    private static string? SendableId(string? id) =>
        string.IsNullOrEmpty(id) || id.StartsWith(GeminiResponseMapper.SyntheticIdPrefix, StringComparison.Ordinal) ? null : id;

    private static void CheckMediaType(string mediaType, string field, string provider)
    {
        if (mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !ImageTypes.Contains(mediaType))
        {
            throw ChatRequestValidator.Invalid(provider, field,
                $"Gemini cannot read images of type '{mediaType}' ({field}). Convert it to PNG, JPEG, WEBP, HEIC or HEIF.");
        }
    }

    private static void ApplyOptions(GeminiRequest request, ChatOptions options, string provider)
    {
        if (options.ConversationId is not null)
        {
            throw ChatRequestValidator.Invalid(provider, "conversation_id",
                "Gemini keeps no server-side conversation, so ConversationId cannot be used. Send the whole history instead.");
        }

        if (options.ContinuationToken is not null)
        {
            throw ChatRequestValidator.Invalid(provider, "continuation_token", "Gemini has no background responses, so ContinuationToken cannot be used.");
        }

        if (options.AllowMultipleToolCalls == false)
        {
            throw ChatRequestValidator.Invalid(provider, "allow_multiple_tool_calls",
                "Gemini cannot be limited to one function call per turn (AllowMultipleToolCalls = false). Leave it unset, or use another provider.");
        }

        GeminiGenerationConfig config = request.GenerationConfig;
        config.Temperature = options.Temperature;
        config.TopP = options.TopP;
        config.TopK = options.TopK;
        config.MaxOutputTokens = options.MaxOutputTokens;
        config.PresencePenalty = options.PresencePenalty;
        config.FrequencyPenalty = options.FrequencyPenalty;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            config.StopSequences = [.. stops];
        }

        if (options.Seed is long seed)
        {
            config.Seed = seed is >= int.MinValue and <= int.MaxValue
                ? (int)seed
                : throw ChatRequestValidator.Invalid(provider, "seed", $"Gemini takes a 32-bit seed; {seed.ToString(CultureInfo.InvariantCulture)} is out of range.");
        }

        ApplyTools(request, options, provider);
        ApplyResponseFormat(config, options, provider);
        ApplyThinking(config, options, provider);

        IReadOnlyDictionary<string, object?>? extra = options.AdditionalProperties;
        request.SafetySettings = GeminiOptions.GetArray(extra, GeminiOptions.SafetySettings, provider);
        request.CachedContent = GeminiOptions.GetString(extra, GeminiOptions.CachedContent, provider);
        config.MediaResolution = GeminiOptions.GetString(extra, GeminiOptions.MediaResolution, provider);
        if (GeminiOptions.GetString(extra, GeminiOptions.ResponseMimeType, provider) is string mime)
        {
            config.ResponseMimeType = mime;
        }
    }

    private static void ApplyTools(GeminiRequest request, ChatOptions options, string provider)
    {
        var declarations = new List<GeminiFunctionDeclaration>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (options.Tools is { Count: > 0 } tools)
        {
            for (int i = 0; i < tools.Count; i++)
            {
                string field = $"tools[{i}]";
                if (tools[i] is not AIFunctionDeclaration function)
                {
                    throw ChatRequestValidator.Invalid(provider, field,
                        $"Gemini support in AiOps takes function tools only; tools[{i}] is {tools[i]?.GetType().Name ?? "null"}.");
                }

                CheckFunctionName(function.Name, field, provider);
                if (!names.Add(function.Name))
                {
                    throw ChatRequestValidator.Invalid(provider, field + ".name", $"Two tools are named '{function.Name}'; Gemini function names must be unique.");
                }

                JsonElement schema = function.JsonSchema;
                if (!ChatRequestValidator.IsObjectSchema(schema))
                {
                    // "The schema must describe an object where the properties are the parameters to the function" (FunctionDeclaration).
                    throw ChatRequestValidator.Invalid(provider, field + ".parameters",
                        $"Gemini's parametersJsonSchema must describe an object (\"type\": \"object\"); the schema of tool '{function.Name}' is not. Wrap the parameters in an object.");
                }

                declarations.Add(new GeminiFunctionDeclaration
                {
                    Name = function.Name,
                    Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
                    ParametersJsonSchema = schema.ValueKind == JsonValueKind.Undefined || GeminiSchemaConverter.IsEmptyObjectSchema(schema)
                        ? null
                        : GeminiSchemaConverter.Convert(schema, field + ".parameters", provider),
                });
            }

            request.Tools = [new GeminiTool { FunctionDeclarations = declarations }];
        }

        switch (options.ToolMode)
        {
            case null:
                break;
            case NoneChatToolMode:
                if (declarations.Count > 0)
                {
                    request.ToolConfig = new GeminiToolConfig { FunctionCallingConfig = { Mode = "NONE" } };
                }

                break;
            case AutoChatToolMode:
                if (declarations.Count > 0)
                {
                    request.ToolConfig = new GeminiToolConfig { FunctionCallingConfig = { Mode = "AUTO" } };
                }

                break;
            case RequiredChatToolMode required:
                if (declarations.Count == 0)
                {
                    throw ChatRequestValidator.Invalid(provider, "tool_choice", "The tool mode requires a function call, but no tools were given.");
                }

                var calling = new GeminiFunctionCallingConfig { Mode = "ANY" };
                if (required.RequiredFunctionName is string name)
                {
                    calling.AllowedFunctionNames = names.Contains(name)
                        ? [name]
                        : throw ChatRequestValidator.Invalid(provider, "tool_choice", $"The required function '{name}' is not among the tools given.");
                }

                request.ToolConfig = new GeminiToolConfig { FunctionCallingConfig = calling };
                break;
            default:
                throw ChatRequestValidator.Invalid(provider, "tool_choice", $"Gemini has no tool mode matching {options.ToolMode.GetType().Name}.");
        }
    }

    private static void CheckFunctionName(string name, string field, string provider)
    {
        // Gemini: starts with a letter or underscore; then letters, digits, '_', '.', ':', '-'; at most 64 characters.
        bool ok = name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        for (int i = 1; ok && i < name.Length; i++)
        {
            char c = name[i];
            ok = char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '-';
        }

        if (!ok)
        {
            throw ChatRequestValidator.Invalid(provider, field + ".name",
                $"Gemini cannot take the function name '{name}': it must start with a letter or '_', use only letters, digits, '_', '.', ':' or '-', and be at most 64 characters.");
        }
    }

    private static void ApplyResponseFormat(GeminiGenerationConfig config, ChatOptions options, string provider)
    {
        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            config.ResponseMimeType = "application/json";
            if (json.Schema is JsonElement schema)
            {
                config.ResponseJsonSchema = GeminiSchemaConverter.Convert(schema, "response_format.schema", provider);
            }
        }
    }

    private static void ApplyThinking(GeminiGenerationConfig config, ChatOptions options, string provider)
    {
        IReadOnlyDictionary<string, object?>? extra = options.AdditionalProperties;
        int? budget = GeminiOptions.GetInt(extra, GeminiOptions.ThinkingBudget, provider) ?? BudgetFor(options.Reasoning?.Effort);
        string? level = GeminiOptions.GetString(extra, GeminiOptions.ThinkingLevel, provider);
        bool? include = GeminiOptions.GetBool(extra, GeminiOptions.IncludeThoughts, provider) ?? options.Reasoning?.Output switch
        {
            ReasoningOutput.None => false,
            ReasoningOutput.Summary or ReasoningOutput.Full => true,
            _ => null,
        };
        if (budget is not null || level is not null || include is not null)
        {
            config.ThinkingConfig = new GeminiThinkingConfig { ThinkingBudget = budget, IncludeThoughts = include, ThinkingLevel = level };
        }
    }

    /// <summary>AiOps's mapping of <see cref="ReasoningEffort"/> to a thinking budget (documented in docs/providers.md).</summary>
    private static int? BudgetFor(ReasoningEffort? effort) => effort switch
    {
        ReasoningEffort.None => 0,
        ReasoningEffort.Low => 1024,
        ReasoningEffort.Medium => 8192,
        ReasoningEffort.High => 24576,
        ReasoningEffort.ExtraHigh => 32768,
        _ => null,
    };
}
