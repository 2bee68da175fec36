// Licensed under the MIT License.

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiOps.Simulator.Gemini;

/// <summary>Reads a Gemini <c>generateContent</c> body into a <see cref="SimRequest"/>, and checks what the real API rejects
/// (wire-formats §4.3, §4.6, §7): unknown roles, a <c>functionResponse.response</c> that is not an object, a JSON schema without
/// <c>responseMimeType: application/json</c>, and (for <c>gemini-3*</c> models) a replayed function call without its thought signature.</summary>
internal static class GeminiRequestReader
{
    /// <summary>The thought signature the simulator puts on function calls and thinking answers (base64 of <c>sim-signature</c>).</summary>
    public const string Signature = "c2ltLXNpZ25hdHVyZQ==";

    /// <summary>Reads the request. Returns the 400 message the real API would give instead, when the body is invalid.</summary>
    public static SimRequest Read(JsonElement body, string model, bool stream, out bool includeThoughts, out string? invalid)
    {
        invalid = null;
        includeThoughts = false;
        int chars = 0;
        string lastUser = string.Empty;
        var toolResults = new List<string>();

        if (body.TryGetProperty("systemInstruction", out JsonElement system))
        {
            chars += Text(system).Length;
        }

        if (!body.TryGetProperty("contents", out JsonElement contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            invalid = "* GenerateContentRequest.contents: contents is not specified\n";
            return new SimRequest { Model = model, Stream = stream };
        }

        int index = 0;
        foreach (JsonElement content in contents.EnumerateArray())
        {
            string role = content.TryGetProperty("role", out JsonElement r) ? r.GetString() ?? string.Empty : string.Empty;
            if (role is not ("user" or "model"))
            {
                invalid = $"Please use a valid role: user, model.";
                break;
            }

            string text = Text(content);
            chars += text.Length;
            var results = new List<string>();
            bool firstCall = true;
            int partIndex = 0;
            if (content.TryGetProperty("parts", out JsonElement parts) && parts.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement part in parts.EnumerateArray())
                {
                    if (part.TryGetProperty("functionResponse", out JsonElement fr))
                    {
                        if (!fr.TryGetProperty("response", out JsonElement response) || response.ValueKind != JsonValueKind.Object)
                        {
                            invalid = string.Create(CultureInfo.InvariantCulture,
                                $"Invalid value at 'contents[{index}].parts[{partIndex}].function_response.response' (type.googleapis.com/google.protobuf.Struct)");
                            break;
                        }

                        if (!fr.TryGetProperty("name", out JsonElement n) || string.IsNullOrEmpty(n.GetString()))
                        {
                            invalid = string.Create(CultureInfo.InvariantCulture, $"* GenerateContentRequest.contents[{index}].parts[{partIndex}].function_response.name: Name cannot be empty.\n");
                            break;
                        }

                        results.Add(ResultText(response));
                    }

                    if (role == "model" && part.TryGetProperty("functionCall", out JsonElement fc))
                    {
                        if (firstCall && model.Contains("gemini-3", System.StringComparison.Ordinal) && !part.TryGetProperty("thoughtSignature", out _))
                        {
                            string name = fc.TryGetProperty("name", out JsonElement fn) ? fn.GetString() ?? "?" : "?";
                            invalid = string.Create(CultureInfo.InvariantCulture,
                                $"Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:{name}` , position {index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.");
                            break;
                        }

                        firstCall = false;
                    }

                    partIndex++;
                }
            }

            if (invalid is not null)
            {
                break;
            }

            if (role == "user")
            {
                toolResults = results;
                if (text.Length > 0)
                {
                    lastUser = text;
                }
            }
            else
            {
                toolResults = [];
            }

            index++;
        }

        var tools = new List<SimTool>();
        if (body.TryGetProperty("tools", out JsonElement toolArray) && toolArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement tool in toolArray.EnumerateArray())
            {
                if (tool.TryGetProperty("functionDeclarations", out JsonElement declarations) && declarations.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement d in declarations.EnumerateArray())
                    {
                        JsonElement? parameters = d.TryGetProperty("parametersJsonSchema", out JsonElement pj) ? pj.Clone()
                            : d.TryGetProperty("parameters", out JsonElement p) ? p.Clone() : null;
                        tools.Add(new SimTool(d.GetProperty("name").GetString() ?? "tool", parameters));
                    }
                }
            }
        }

        JsonElement? schema = null;
        var stops = new List<string>();
        if (body.TryGetProperty("generationConfig", out JsonElement config) && config.ValueKind == JsonValueKind.Object)
        {
            if (config.TryGetProperty("responseJsonSchema", out JsonElement rjs) || config.TryGetProperty("responseSchema", out rjs))
            {
                schema = rjs.Clone();
                if (!(config.TryGetProperty("responseMimeType", out JsonElement mime) && mime.GetString() == "application/json"))
                {
                    invalid ??= "* GenerateContentRequest.generation_config.response_mime_type: must be application/json when a response schema is set.\n";
                }
            }

            if (config.TryGetProperty("stopSequences", out JsonElement stop) && stop.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement s in stop.EnumerateArray())
                {
                    stops.Add(s.GetString() ?? string.Empty);
                }
            }

            includeThoughts = config.TryGetProperty("thinkingConfig", out JsonElement thinking) &&
                              thinking.TryGetProperty("includeThoughts", out JsonElement it) && it.ValueKind == JsonValueKind.True;
        }

        return new SimRequest
        {
            Model = model,
            Stream = stream,
            IncludeUsage = true,
            LastUserText = lastUser,
            ToolResults = toolResults,
            Tools = tools,
            ResponseSchema = schema,
            InputChars = chars,
            StopSequences = stops,
        };
    }

    private static string Text(JsonElement content)
    {
        if (!content.TryGetProperty("parts", out JsonElement parts) || parts.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (JsonElement part in parts.EnumerateArray())
        {
            if (part.TryGetProperty("text", out JsonElement t) && t.ValueKind == JsonValueKind.String &&
                !(part.TryGetProperty("thought", out JsonElement thought) && thought.ValueKind == JsonValueKind.True))
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                sb.Append(t.GetString());
            }
        }

        return sb.ToString();
    }

    /// <summary>The text the <c>tools</c> scenario echoes for a result: the <c>output</c> of <c>{"output": …}</c>, else the whole object.</summary>
    private static string ResultText(JsonElement response)
    {
        int count = 0;
        JsonProperty only = default;
        foreach (JsonProperty property in response.EnumerateObject())
        {
            only = property;
            count++;
        }

        if (count == 1 && only.Name is "output" or "error")
        {
            return only.Value.ValueKind == JsonValueKind.String ? only.Value.GetString()! : only.Value.GetRawText();
        }

        return response.GetRawText();
    }
}
