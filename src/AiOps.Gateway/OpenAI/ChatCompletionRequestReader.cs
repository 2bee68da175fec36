// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway;

/// <summary>Reads an OpenAI <c>/v1/chat/completions</c> request body (wire-formats §1) into <see cref="ChatCompletionRequest"/>.</summary>
/// <remarks>Fields the gateway cannot honour fail with 400 (<c>n</c> above 1, <c>logprobs</c>, audio/file parts); fields that do not change
/// the answer (<c>user</c>, <c>metadata</c>, <c>store</c>, <c>service_tier</c>) are ignored.</remarks>
internal static class ChatCompletionRequestReader
{
    public static ChatCompletionRequest Read(JsonElement root, GatewayOptions limits)
    {
        JsonRead.RejectProviderControl(root, null);
        string? model = JsonRead.String(root, "model", "model");
        JsonElement messagesJson = JsonRead.Array(root, "messages", "messages") ?? throw JsonRead.Missing("messages", "an array of at least one message");
        int count = messagesJson.GetArrayLength();
        if (count == 0)
        {
            throw new GatewayException(GatewayError.BadRequest("'messages' is empty. Send at least one message.", "messages", "invalid_value"));
        }

        if (count > limits.MaxMessages)
        {
            throw new GatewayException(GatewayError.BadRequest(
                $"'messages' has {count} messages; this gateway accepts at most {limits.MaxMessages}. Shorten the conversation.", "messages", "too_many_messages"));
        }

        var messages = new List<ChatMessage>(count);
        int index = 0;
        foreach (JsonElement m in messagesJson.EnumerateArray())
        {
            messages.Add(ReadMessage(m, $"messages[{index}]"));
            index++;
        }

        var options = new ChatOptions
        {
            Temperature = JsonRead.Float(root, "temperature", "temperature"),
            TopP = JsonRead.Float(root, "top_p", "top_p"),
            TopK = JsonRead.Int(root, "top_k", "top_k"),
            PresencePenalty = JsonRead.Float(root, "presence_penalty", "presence_penalty"),
            FrequencyPenalty = JsonRead.Float(root, "frequency_penalty", "frequency_penalty"),
            Seed = JsonRead.Long(root, "seed", "seed"),
            AllowMultipleToolCalls = JsonRead.Bool(root, "parallel_tool_calls", "parallel_tool_calls"),
        };

        int? maxTokens = JsonRead.Int(root, "max_completion_tokens", "max_completion_tokens") ?? JsonRead.Int(root, "max_tokens", "max_tokens");
        if (maxTokens is int max)
        {
            string param = root.TryGetProperty("max_completion_tokens", out _) ? "max_completion_tokens" : "max_tokens";
            if (max <= 0)
            {
                throw new GatewayException(GatewayError.BadRequest($"'{param}' is {max}; it must be a positive number of tokens.", param));
            }

            if (max > limits.MaxTokens)
            {
                throw new GatewayException(GatewayError.BadRequest(
                    $"'{param}' is {max}; this gateway allows at most {limits.MaxTokens}. Ask for fewer tokens.", param, "max_tokens_exceeded"));
            }

            options.MaxOutputTokens = max;
        }

        if (JsonRead.Int(root, "n", "n") is int n && n != 1)
        {
            throw new GatewayException(GatewayError.BadRequest($"'n' is {n}; this gateway returns one choice per request. Send n=1 or leave it out.", "n", "unsupported_value"));
        }

        if (JsonRead.Bool(root, "logprobs", "logprobs") == true)
        {
            throw new GatewayException(GatewayError.BadRequest("'logprobs' is not supported by this gateway (not every provider has it). Leave it out.", "logprobs", "unsupported_value"));
        }

        if (JsonRead.StringOrArray(root, "stop", "stop") is List<string> stop)
        {
            options.StopSequences = stop;
        }

        if (JsonRead.String(root, "reasoning_effort", "reasoning_effort") is string effort)
        {
            options.Reasoning = new ReasoningOptions { Effort = ReadEffort(effort) };
        }

        ReadResponseFormat(root, options);
        ReadTools(root, options);

        bool stream = JsonRead.Bool(root, "stream", "stream") ?? false;
        bool includeUsage = false;
        if (JsonRead.Object(root, "stream_options", "stream_options") is JsonElement streamOptions)
        {
            includeUsage = JsonRead.Bool(streamOptions, "include_usage", "stream_options.include_usage") ?? false;
        }

        return new ChatCompletionRequest { Model = model, Messages = messages, Options = options, Stream = stream, IncludeUsage = includeUsage };
    }

    private static ReasoningEffort ReadEffort(string effort) => effort.ToLowerInvariant() switch
    {
        "none" => ReasoningEffort.None,
        "minimal" or "low" => ReasoningEffort.Low,
        "medium" => ReasoningEffort.Medium,
        "high" => ReasoningEffort.High,
        "xhigh" => ReasoningEffort.ExtraHigh,
        _ => throw new GatewayException(GatewayError.BadRequest($"'reasoning_effort' is '{effort}'; use none, minimal, low, medium, high or xhigh.", "reasoning_effort")),
    };

    private static ChatMessage ReadMessage(JsonElement m, string path)
    {
        if (m.ValueKind != JsonValueKind.Object)
        {
            throw JsonRead.Type(path, "an object with 'role' and 'content'");
        }

        string role = JsonRead.String(m, "role", path + ".role") ?? throw JsonRead.Missing(path + ".role", "system, developer, user, assistant or tool");
        var message = new ChatMessage { AuthorName = JsonRead.String(m, "name", path + ".name") };
        switch (role)
        {
            case "system":
            case "developer":
                message.Role = ChatRole.System;
                ReadContent(m, path, message.Contents, allowImages: false);
                break;
            case "user":
                message.Role = ChatRole.User;
                ReadContent(m, path, message.Contents, allowImages: true);
                break;
            case "assistant":
                message.Role = ChatRole.Assistant;
                ReadContent(m, path, message.Contents, allowImages: false);
                ReadToolCalls(m, path, message.Contents);
                break;
            case "tool":
            {
                message.Role = ChatRole.Tool;
                string callId = JsonRead.String(m, "tool_call_id", path + ".tool_call_id") ?? throw JsonRead.Missing(path + ".tool_call_id", "the id of the tool call this answers");
                var text = new List<AIContent>();
                ReadContent(m, path, text, allowImages: false);
                var result = new System.Text.StringBuilder();
                foreach (AIContent c in text)
                {
                    if (c is TextContent t)
                    {
                        result.Append(t.Text);
                    }
                }

                message.Contents.Add(new FunctionResultContent(callId, result.ToString()));
                break;
            }

            default:
                throw new GatewayException(GatewayError.BadRequest(
                    $"'{path}.role' is '{role}'; use system, developer, user, assistant or tool.", path + ".role"));
        }

        return message;
    }

    private static void ReadContent(JsonElement m, string path, IList<AIContent> contents, bool allowImages)
    {
        if (!m.TryGetProperty("content", out JsonElement content) || content.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(content.GetString()));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw JsonRead.Type(path + ".content", "a string or an array of content parts");
        }

        int i = 0;
        foreach (JsonElement part in content.EnumerateArray())
        {
            string partPath = $"{path}.content[{i}]";
            if (part.ValueKind != JsonValueKind.Object)
            {
                throw JsonRead.Type(partPath, "a content part object");
            }

            string type = JsonRead.String(part, "type", partPath + ".type") ?? throw JsonRead.Missing(partPath + ".type", "text or image_url");
            switch (type)
            {
                case "text":
                    contents.Add(new TextContent(JsonRead.String(part, "text", partPath + ".text") ?? string.Empty));
                    break;
                case "refusal":
                    contents.Add(new TextContent(JsonRead.String(part, "refusal", partPath + ".refusal") ?? string.Empty));
                    break;
                case "image_url" when allowImages:
                {
                    JsonElement image = JsonRead.Object(part, "image_url", partPath + ".image_url") ?? throw JsonRead.Missing(partPath + ".image_url", "an object with 'url'");
                    string url = JsonRead.String(image, "url", partPath + ".image_url.url") ?? throw JsonRead.Missing(partPath + ".image_url.url", "an https or data: URL");
                    contents.Add(ReadImage(url, partPath + ".image_url.url"));
                    break;
                }

                default:
                    throw new GatewayException(GatewayError.BadRequest(
                        $"'{partPath}.type' is '{type}', which this gateway does not accept here. Use text{(allowImages ? " or image_url" : string.Empty)} parts.",
                        partPath + ".type",
                        "unsupported_value"));
            }

            i++;
        }
    }

    private static AIContent ReadImage(string url, string param)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new DataContent(url);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                throw new GatewayException(GatewayError.BadRequest($"'{param}' is not a valid data: URL (data:image/png;base64,…).", param));
            }
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            // The URL is passed to the provider, which fetches it; the gateway itself never requests it.
            return new UriContent(uri, "image/*");
        }

        throw new GatewayException(GatewayError.BadRequest($"'{param}' must be an http(s) URL or a data: URL.", param));
    }

    private static void ReadToolCalls(JsonElement m, string path, IList<AIContent> contents)
    {
        if (JsonRead.Array(m, "tool_calls", path + ".tool_calls") is not JsonElement calls)
        {
            return;
        }

        int i = 0;
        foreach (JsonElement call in calls.EnumerateArray())
        {
            string callPath = $"{path}.tool_calls[{i}]";
            if (call.ValueKind != JsonValueKind.Object)
            {
                throw JsonRead.Type(callPath, "an object");
            }

            string id = JsonRead.String(call, "id", callPath + ".id") ?? throw JsonRead.Missing(callPath + ".id", "the tool call id");
            JsonElement function = JsonRead.Object(call, "function", callPath + ".function") ?? throw JsonRead.Missing(callPath + ".function", "name and arguments");
            string name = JsonRead.String(function, "name", callPath + ".function.name") ?? throw JsonRead.Missing(callPath + ".function.name", "the function name");
            string arguments = JsonRead.String(function, "arguments", callPath + ".function.arguments") ?? "{}";
            contents.Add(new FunctionCallContent(id, name, ParseArguments(arguments, callPath + ".function.arguments")));
            i++;
        }
    }

    /// <summary>Parses tool-call arguments (a JSON object in a string) into the dictionary MEAI carries.</summary>
    internal static Dictionary<string, object?> ParseArguments(string json, string param)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw JsonRead.Type(param, "a JSON object encoded as a string");
            }

            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                result[p.Name] = p.Value.Clone();
            }
        }
        catch (JsonException)
        {
            throw JsonRead.Type(param, "a JSON object encoded as a string");
        }

        return result;
    }

    private static void ReadResponseFormat(JsonElement root, ChatOptions options)
    {
        if (JsonRead.Object(root, "response_format", "response_format") is not JsonElement format)
        {
            return;
        }

        string type = JsonRead.String(format, "type", "response_format.type") ?? throw JsonRead.Missing("response_format.type", "text, json_object or json_schema");
        switch (type)
        {
            case "text":
                options.ResponseFormat = ChatResponseFormat.Text;
                break;
            case "json_object":
                options.ResponseFormat = ChatResponseFormat.Json;
                break;
            case "json_schema":
            {
                JsonElement spec = JsonRead.Object(format, "json_schema", "response_format.json_schema") ?? throw JsonRead.Missing("response_format.json_schema", "name and schema");
                JsonElement schema = JsonRead.Object(spec, "schema", "response_format.json_schema.schema") ?? throw JsonRead.Missing("response_format.json_schema.schema", "a JSON schema object");
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(
                    schema.Clone(),
                    JsonRead.String(spec, "name", "response_format.json_schema.name"),
                    JsonRead.String(spec, "description", "response_format.json_schema.description"));
                break;
            }

            default:
                throw new GatewayException(GatewayError.BadRequest($"'response_format.type' is '{type}'; use text, json_object or json_schema.", "response_format.type"));
        }
    }

    private static void ReadTools(JsonElement root, ChatOptions options)
    {
        if (JsonRead.Array(root, "tools", "tools") is JsonElement tools)
        {
            var list = new List<AITool>(tools.GetArrayLength());
            int i = 0;
            foreach (JsonElement tool in tools.EnumerateArray())
            {
                string path = $"tools[{i}]";
                if (tool.ValueKind != JsonValueKind.Object)
                {
                    throw JsonRead.Type(path, "an object");
                }

                string type = JsonRead.String(tool, "type", path + ".type") ?? "function";
                if (type != "function")
                {
                    throw new GatewayException(GatewayError.BadRequest($"'{path}.type' is '{type}'; this gateway accepts function tools.", path + ".type", "unsupported_value"));
                }

                JsonElement function = JsonRead.Object(tool, "function", path + ".function") ?? throw JsonRead.Missing(path + ".function", "name and parameters");
                string name = JsonRead.String(function, "name", path + ".function.name") ?? throw JsonRead.Missing(path + ".function.name", "the function name");
                if (name.Length == 0)
                {
                    throw new GatewayException(GatewayError.BadRequest($"'{path}.function.name' is empty.", path + ".function.name"));
                }

                JsonElement parameters = JsonRead.Object(function, "parameters", path + ".function.parameters")?.Clone() ?? EmptySchema();
                list.Add(AIFunctionFactory.CreateDeclaration(name, JsonRead.String(function, "description", path + ".function.description"), parameters));
                i++;
            }

            options.Tools = list;
        }

        if (!root.TryGetProperty("tool_choice", out JsonElement choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            options.ToolMode = choice.GetString() switch
            {
                "auto" => ChatToolMode.Auto,
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                string other => throw new GatewayException(GatewayError.BadRequest($"'tool_choice' is '{other}'; use auto, none, required or a function.", "tool_choice")),
                _ => null,
            };
            return;
        }

        if (choice.ValueKind == JsonValueKind.Object &&
            JsonRead.Object(choice, "function", "tool_choice.function") is JsonElement f &&
            JsonRead.String(f, "name", "tool_choice.function.name") is string fname)
        {
            options.ToolMode = ChatToolMode.RequireSpecific(fname);
            return;
        }

        throw JsonRead.Type("tool_choice", "auto, none, required or {\"type\":\"function\",\"function\":{\"name\":…}}");
    }

    private static JsonElement EmptySchema()
    {
        using JsonDocument doc = JsonDocument.Parse("{\"type\":\"object\",\"properties\":{}}");
        return doc.RootElement.Clone();
    }
}
