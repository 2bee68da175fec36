// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Writes a chat-completions request body (wire-formats §1.2–1.5) straight from Microsoft.Extensions.AI messages and
/// options with a <see cref="Utf8JsonWriter"/>. Bad content fails here, before anything is sent.</summary>
/// <remarks>
/// <para>Mapping: <see cref="ChatRole.System"/> and <see cref="ChatOptions.Instructions"/> → <c>system</c>, or <c>developer</c>
/// (AdditionalProperties <c>system_role</c>, else automatically for o-series and gpt-5 models on OpenAI and Azure); a message whose
/// role is <c>developer</c> stays <c>developer</c>. Each <see cref="FunctionResultContent"/> becomes its own <c>tool</c> message.
/// A single text part is sent as a string, several parts as an array (as the official SDK does).</para>
/// <para>A function tool's JSON is cached per <see cref="AIFunctionDeclaration"/> instance (its name, description and schema are
/// read-only), so a tool list reused across calls is copied rather than written again.</para>
/// </remarks>
internal static class OpenAIChatRequestWriter
{
    /// <summary>The JSON of each function tool (without <c>strict</c>), kept as long as the tool object lives.</summary>
    private static readonly ConditionalWeakTable<AIFunctionDeclaration, byte[]> ToolJson = new();

    /// <summary>Serializes the request.</summary>
    /// <param name="messages">The validated conversation.</param>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <param name="model">The model or deployment.</param>
    /// <param name="profile">The surface.</param>
    /// <param name="stream">Whether to ask for a stream.</param>
    /// <returns>The UTF-8 JSON body in a pooled buffer; dispose it when the request is done.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/> or <see cref="AiErrorKind.NotSupported"/>: content the API cannot take.</exception>
    public static OpenAIRequestBody Write(IReadOnlyList<ChatMessage> messages, ChatOptions? options, string model, OpenAIWireProfile profile, bool stream) =>
        OpenAIJson.SerializeBody((messages, options, model, profile, stream), static (w, s) => WriteBody(w, s.messages, s.options, s.model, s.profile, s.stream));

    /// <summary>Writes the request object.</summary>
    public static void WriteBody(Utf8JsonWriter w, IReadOnlyList<ChatMessage> messages, ChatOptions? options, string model, OpenAIWireProfile profile, bool stream)
    {
        string provider = profile.Info.Name;
        OpenAIExtraBody extra = OpenAIExtraBody.From(options?.AdditionalProperties, embeddings: false, provider);
        w.WriteStartObject();
        if (profile.ModelInBody)
        {
            w.WriteString(Names.Model, model);
        }

        WriteMessages(w, messages, options, SystemRole(options, model, profile), provider);
        if (options is not null)
        {
            WriteOptions(w, options, profile, extra, provider);
        }

        if (stream)
        {
            w.WriteBoolean("stream", true);
            if (profile.SendsStreamOptions && !extra.Overrides("stream_options"))
            {
                w.WriteStartObject("stream_options");
                w.WriteBoolean("include_usage", true);
                w.WriteEndObject();
            }
        }

        extra.WriteTo(w, provider);
        w.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter w, ChatOptions options, OpenAIWireProfile profile, OpenAIExtraBody extra, string provider)
    {
        if (options.Temperature is float temperature && !extra.Overrides("temperature"))
        {
            w.WriteNumber("temperature", temperature);
        }

        if (options.TopP is float topP && !extra.Overrides("top_p"))
        {
            w.WriteNumber("top_p", topP);
        }

        if (options.FrequencyPenalty is float frequency && !extra.Overrides("frequency_penalty"))
        {
            w.WriteNumber("frequency_penalty", frequency);
        }

        if (options.PresencePenalty is float presence && !extra.Overrides("presence_penalty"))
        {
            w.WriteNumber("presence_penalty", presence);
        }

        if (options.MaxOutputTokens is int max && !extra.Overrides("max_tokens") && !extra.Overrides("max_completion_tokens"))
        {
            w.WriteNumber(profile.MaxTokensField, max);
        }

        if (options.StopSequences is { Count: > 0 } stops && !extra.Overrides("stop"))
        {
            w.WriteStartArray("stop");
            for (int i = 0; i < stops.Count; i++)
            {
                w.WriteStringValue(stops[i]);
            }

            w.WriteEndArray();
        }

        if (options.Seed is long seed && !extra.Overrides("seed"))
        {
            w.WriteNumber("seed", seed);
        }

        if (options.TopK is int topK && profile.SendsTopK && !extra.Overrides("top_k"))
        {
            w.WriteNumber("top_k", topK);
        }

        if (options.Reasoning?.Effort is ReasoningEffort effort && !extra.Overrides("reasoning_effort"))
        {
            w.WriteString("reasoning_effort", effort switch
            {
                ReasoningEffort.None => "none",
                ReasoningEffort.Low => "low",
                ReasoningEffort.Medium => "medium",
                ReasoningEffort.High => "high",
                ReasoningEffort.ExtraHigh => "xhigh",
                _ => effort.ToString().ToLowerInvariant(),
            });
        }

        bool? strict = options.AdditionalProperties is { } ap && ap.TryGetValue(OpenAIOptionKeys.StrictJsonSchema, out object? s) && s is bool b ? b : null;
        if (options.ResponseFormat is { } format && !extra.Overrides("response_format"))
        {
            WriteResponseFormat(w, format, strict);
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            if (!extra.Overrides("tools"))
            {
                WriteTools(w, tools, strict, provider);
            }

            if (options.ToolMode is { } mode && !extra.Overrides("tool_choice"))
            {
                WriteToolChoice(w, mode);
            }

            if (options.AllowMultipleToolCalls is bool parallel && !extra.Overrides("parallel_tool_calls"))
            {
                w.WriteBoolean("parallel_tool_calls", parallel);
            }
        }
    }

    private static string SystemRole(ChatOptions? options, string model, OpenAIWireProfile profile)
    {
        if (options?.AdditionalProperties is { } ap && ap.TryGetValue(OpenAIOptionKeys.SystemRole, out object? value) && value is not null)
        {
            string? role = value as string;
            if (string.Equals(role, "developer", StringComparison.OrdinalIgnoreCase))
            {
                return "developer";
            }

            if (string.Equals(role, "system", StringComparison.OrdinalIgnoreCase))
            {
                return "system";
            }

            throw ChatRequestValidator.Invalid(profile.Info.Name, OpenAIOptionKeys.SystemRole, $"system_role is '{value}'; use \"developer\" or \"system\".");
        }

        return profile.AutoDeveloperRole && OpenAIModelRules.PrefersDeveloperRole(model) ? "developer" : "system";
    }

    private static void WriteMessages(Utf8JsonWriter w, IReadOnlyList<ChatMessage> messages, ChatOptions? options, string systemRole, string provider)
    {
        w.WriteStartArray(Names.Messages);
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            w.WriteStartObject();
            w.WriteString(Names.Role, systemRole);
            OpenAIJsonEscaper.WriteString(w, Names.Content, instructions);
            w.WriteEndObject();
        }

        for (int i = 0; i < messages.Count; i++)
        {
            WriteMessage(w, messages[i], i, systemRole, provider);
        }

        w.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter w, ChatMessage message, int index, string systemRole, string provider)
    {
        IList<AIContent> contents = message.Contents;
        bool hasResults = false;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is FunctionResultContent result)
            {
                hasResults = true;
                WriteToolResult(w, result, index, provider);
            }
        }

        ChatRole role = message.Role;
        if (role == ChatRole.Tool)
        {
            if (!hasResults)
            {
                throw ChatRequestValidator.Invalid(provider, $"messages[{index}]",
                    $"messages[{index}] has the tool role but no FunctionResultContent; OpenAI needs the tool_call_id a result answers. Put tool output in a FunctionResultContent.");
            }

            return;
        }

        if (role == ChatRole.Assistant)
        {
            WriteAssistant(w, message, index, provider);
            return;
        }

        string wireRole = role == ChatRole.System ? systemRole : role == ChatRole.User ? "user" : role.Value;
        bool textOnly = wireRole is "system" or "developer";
        int parts = CountParts(contents, textOnly, index, provider, out TextContent? singleText);
        if (parts == 0)
        {
            // Only tool results (already written) or content the API has no field for (reasoning, usage).
            return;
        }

        w.WriteStartObject();
        w.WriteString(Names.Role, wireRole);
        if (message.AuthorName is { Length: > 0 } name)
        {
            w.WriteString(Names.Name, name);
        }

        if (singleText is not null)
        {
            OpenAIJsonEscaper.WriteString(w, Names.Content, singleText.Text);
        }
        else
        {
            w.WriteStartArray(Names.Content);
            for (int i = 0; i < contents.Count; i++)
            {
                WritePart(w, contents[i]);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Counts the parts a user/system message sends, failing on content the chat API cannot take.</summary>
    private static int CountParts(IList<AIContent> contents, bool textOnly, int index, string provider, out TextContent? singleText)
    {
        int parts = 0;
        singleText = null;
        TextContent? firstText = null;
        for (int i = 0; i < contents.Count; i++)
        {
            switch (contents[i])
            {
                case TextContent text:
                    parts++;
                    firstText ??= text;
                    break;
                case FunctionResultContent or FunctionCallContent or TextReasoningContent or UsageContent or ErrorContent:
                    break;
                case UriContent or DataContent or HostedFileContent when textOnly:
                    throw ChatRequestValidator.Invalid(provider, $"messages[{index}]",
                        $"messages[{index}] is a system message with an image or file; OpenAI system and developer messages take text only. Move the attachment to a user message.");
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts++;
                    break;
                case UriContent uri:
                    throw ChatRequestValidator.Invalid(provider, $"messages[{index}]",
                        $"messages[{index}] has a link to '{uri.MediaType}' content; OpenAI chat accepts links to images only. Download the file and send it as DataContent.");
                case DataContent data when data.HasTopLevelMediaType("audio") && AudioFormat(data.MediaType) is null:
                    throw ChatRequestValidator.Invalid(provider, $"messages[{index}]",
                        $"messages[{index}] has '{data.MediaType}' audio; OpenAI chat accepts wav and mp3 only.");
                case DataContent or HostedFileContent:
                    parts++;
                    break;
                default:
                    break;
            }
        }

        if (parts == 1 && firstText is not null)
        {
            singleText = firstText;
        }

        return parts;
    }

    private static void WritePart(Utf8JsonWriter w, AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                w.WriteStartObject();
                w.WriteString(Names.Type, Names.Text);
                OpenAIJsonEscaper.WriteString(w, Names.Text, text.Text);
                w.WriteEndObject();
                break;
            case UriContent uri:
                WriteImage(w, uri.Uri.ToString(), content);
                break;
            case DataContent data when data.HasTopLevelMediaType("image"):
                WriteImage(w, data.Uri, content);
                break;
            case DataContent data when data.HasTopLevelMediaType("audio"):
                w.WriteStartObject();
                w.WriteString(Names.Type, "input_audio");
                w.WriteStartObject("input_audio");
                w.WriteString("data", data.Base64Data.Span);
                w.WriteString("format", AudioFormat(data.MediaType));
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case DataContent data:
                w.WriteStartObject();
                w.WriteString(Names.Type, "file");
                w.WriteStartObject("file");
                w.WriteString("filename", data.Name ?? DefaultFileName(data.MediaType));
                w.WriteString("file_data", data.Uri);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case HostedFileContent file:
                w.WriteStartObject();
                w.WriteString(Names.Type, "file");
                w.WriteStartObject("file");
                w.WriteString("file_id", file.FileId);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            default:
                break;
        }
    }

    private static void WriteImage(Utf8JsonWriter w, string url, AIContent content)
    {
        w.WriteStartObject();
        w.WriteString(Names.Type, Names.ImageUrl);
        w.WriteStartObject(Names.ImageUrl);
        w.WriteString(Names.Url, url);
        if (content.AdditionalProperties?.TryGetValue("detail", out object? detail) == true && detail is not null)
        {
            w.WriteString("detail", Convert.ToString(detail, CultureInfo.InvariantCulture)?.ToLowerInvariant());
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string? AudioFormat(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" => "wav",
        "audio/mpeg" or "audio/mp3" => "mp3",
        _ => null,
    };

    private static string DefaultFileName(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "application/pdf" => "document.pdf",
        "text/plain" => "document.txt",
        _ => "document",
    };

    private static void WriteAssistant(Utf8JsonWriter w, ChatMessage message, int index, string provider)
    {
        IList<AIContent> contents = message.Contents;
        int texts = 0;
        int calls = 0;
        TextContent? firstText = null;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is TextContent text)
            {
                texts++;
                firstText ??= text;
            }
            else if (contents[i] is FunctionCallContent)
            {
                calls++;
            }
        }

        if (texts == 0 && calls == 0 && HasOnlyResults(contents))
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString(Names.Role, Names.AssistantRole);
        if (message.AuthorName is { Length: > 0 } name)
        {
            w.WriteString(Names.Name, name);
        }

        if (texts == 1)
        {
            OpenAIJsonEscaper.WriteString(w, Names.Content, firstText!.Text);
        }
        else if (texts > 1)
        {
            w.WriteStartArray(Names.Content);
            for (int i = 0; i < contents.Count; i++)
            {
                if (contents[i] is TextContent text)
                {
                    WritePart(w, text);
                }
            }

            w.WriteEndArray();
        }
        else if (calls == 0)
        {
            // Nothing the API can carry (for example only reasoning text): an empty turn keeps the alternation intact.
            w.WriteString(Names.Content, string.Empty);
        }

        if (calls > 0)
        {
            w.WriteStartArray(Names.ToolCalls);
            for (int i = 0; i < contents.Count; i++)
            {
                if (contents[i] is FunctionCallContent call)
                {
                    WriteToolCall(w, call, index, provider);
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static bool HasOnlyResults(IList<AIContent> contents)
    {
        bool any = false;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is not FunctionResultContent)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static void WriteToolCall(Utf8JsonWriter w, FunctionCallContent call, int index, string provider)
    {
        if (string.IsNullOrEmpty(call.CallId))
        {
            throw ChatRequestValidator.Invalid(provider, $"messages[{index}]", $"messages[{index}] has a tool call to '{call.Name}' without a CallId; OpenAI pairs calls and results by id.");
        }

        w.WriteStartObject();
        w.WriteString(Names.Id, call.CallId);
        w.WriteString(Names.Type, Names.Function);
        w.WriteStartObject(Names.Function);
        w.WriteString(Names.Name, call.Name);
        try
        {
            OpenAIJson.WriteAsJsonString(w, Names.Arguments, call.Arguments, static (inner, a) => OpenAIJson.WriteArguments(inner, a));
        }
        catch (NotSupportedException ex)
        {
            throw new AiException(AiErrorKind.InvalidRequest, $"The arguments of the tool call to '{call.Name}' in messages[{index}] cannot be written as JSON: {ex.Message} Nothing was sent.", ex)
            {
                Provider = provider,
                Parameter = $"messages[{index}]",
            };
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteToolResult(Utf8JsonWriter w, FunctionResultContent result, int index, string provider)
    {
        if (string.IsNullOrEmpty(result.CallId))
        {
            throw ChatRequestValidator.Invalid(provider, $"messages[{index}]", $"messages[{index}] has a tool result without a CallId; OpenAI needs the tool_call_id it answers.");
        }

        w.WriteStartObject();
        w.WriteString(Names.Role, Names.ToolRole);
        w.WriteString(Names.ToolCallId, result.CallId);
        switch (result.Result)
        {
            case null:
                OpenAIJsonEscaper.WriteString(w, Names.Content, result.Exception is { } failure ? "Error: " + failure.Message : string.Empty);
                break;
            case string text:
                OpenAIJsonEscaper.WriteString(w, Names.Content, text);
                break;
            case TextContent text:
                OpenAIJsonEscaper.WriteString(w, Names.Content, text.Text);
                break;
            case JsonElement { ValueKind: JsonValueKind.String } s:
                OpenAIJsonEscaper.WriteString(w, Names.Content, s.GetString() ?? string.Empty);
                break;
            default:
                try
                {
                    OpenAIJson.WriteAsJsonString(w, Names.Content, result.Result, static (inner, v) => OpenAIJson.WriteValue(inner, v));
                }
                catch (NotSupportedException ex)
                {
                    throw new AiException(AiErrorKind.InvalidRequest, $"The result of tool call '{result.CallId}' in messages[{index}] ({result.Result.GetType().Name}) cannot be written as JSON: {ex.Message} Return a string or a JSON-serializable value. Nothing was sent.", ex)
                    {
                        Provider = provider,
                        Parameter = $"messages[{index}]",
                    };
                }

                break;
        }

        w.WriteEndObject();
    }

    private static void WriteResponseFormat(Utf8JsonWriter w, ChatResponseFormat format, bool? strict)
    {
        w.WriteStartObject("response_format");
        switch (format)
        {
            case ChatResponseFormatJson { Schema: JsonElement schema } json:
                w.WriteString(Names.Type, "json_schema");
                w.WriteStartObject("json_schema");
                w.WriteString(Names.Name, json.SchemaName ?? "response");
                if (json.SchemaDescription is { Length: > 0 } description)
                {
                    OpenAIJsonEscaper.WriteString(w, Names.Description, description);
                }

                w.WritePropertyName("schema");
                OpenAIJson.WriteRaw(w, schema);
                if (strict is bool s)
                {
                    w.WriteBoolean("strict", s);
                }

                w.WriteEndObject();
                break;
            case ChatResponseFormatJson:
                w.WriteString(Names.Type, "json_object");
                break;
            default:
                w.WriteString(Names.Type, Names.Text);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteTools(Utf8JsonWriter w, IList<AITool> tools, bool? strict, string provider)
    {
        w.WriteStartArray(Names.Tools);
        for (int i = 0; i < tools.Count; i++)
        {
            if (tools[i] is not AIFunctionDeclaration function)
            {
                throw new AiException(
                    AiErrorKind.InvalidRequest,
                    $"Tool '{tools[i]?.Name}' ({tools[i]?.GetType().Name}) is not a function; OpenAI chat completions take function tools only. Nothing was sent.")
                {
                    Provider = provider,
                    Parameter = $"tools[{i}]",
                };
            }

            bool? toolStrict = function.AdditionalProperties.TryGetValue(OpenAIOptionKeys.StrictJsonSchema, out object? s) && s is bool b ? b : strict;
            if (toolStrict is null)
            {
                // Tool lists are usually the same objects call after call: their JSON is written once and copied afterwards.
                w.WriteRawValue(ToolJson.GetValue(function, static f => OpenAIJson.SerializeBytes(f, static (tw, tf) => WriteTool(tw, tf, strict: null))), skipInputValidation: true);
            }
            else
            {
                WriteTool(w, function, toolStrict);
            }
        }

        w.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter w, AIFunctionDeclaration function, bool? strict)
    {
        w.WriteStartObject();
        w.WriteString(Names.Type, Names.Function);
        w.WriteStartObject(Names.Function);
        w.WriteString(Names.Name, function.Name);
        if (function.Description is { Length: > 0 } description)
        {
            OpenAIJsonEscaper.WriteString(w, Names.Description, description);
        }

        w.WritePropertyName(Names.Parameters);
        JsonElement schema = function.JsonSchema;
        if (schema.ValueKind == JsonValueKind.Object)
        {
            OpenAIJson.WriteRaw(w, schema);
        }
        else
        {
            w.WriteStartObject();
            w.WriteString(Names.Type, "object");
            w.WriteStartObject("properties");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        if (strict is bool value)
        {
            w.WriteBoolean("strict", value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter w, ChatToolMode mode)
    {
        switch (mode)
        {
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                w.WriteStartObject("tool_choice");
                w.WriteString(Names.Type, Names.Function);
                w.WriteStartObject(Names.Function);
                w.WriteString(Names.Name, name);
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case RequiredChatToolMode:
                w.WriteString("tool_choice", "required");
                break;
            case NoneChatToolMode:
                w.WriteString("tool_choice", "none");
                break;
            default:
                w.WriteString("tool_choice", "auto");
                break;
        }
    }

    /// <summary>Pre-encoded names and values of the fields every request has.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");

        public static readonly JsonEncodedText Content = JsonEncodedText.Encode("content");

        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");

        public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");

        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");

        public static readonly JsonEncodedText Function = JsonEncodedText.Encode("function");

        public static readonly JsonEncodedText Arguments = JsonEncodedText.Encode("arguments");

        public static readonly JsonEncodedText ToolCallId = JsonEncodedText.Encode("tool_call_id");

        public static readonly JsonEncodedText ToolCalls = JsonEncodedText.Encode("tool_calls");

        public static readonly JsonEncodedText Parameters = JsonEncodedText.Encode("parameters");

        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");

        public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");

        public static readonly JsonEncodedText Messages = JsonEncodedText.Encode("messages");

        public static readonly JsonEncodedText ImageUrl = JsonEncodedText.Encode("image_url");

        public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");

        public static readonly JsonEncodedText Tools = JsonEncodedText.Encode("tools");

        public static readonly JsonEncodedText AssistantRole = JsonEncodedText.Encode("assistant");

        public static readonly JsonEncodedText ToolRole = JsonEncodedText.Encode("tool");

        public static readonly JsonEncodedText UserRole = JsonEncodedText.Encode("user");
    }
}
