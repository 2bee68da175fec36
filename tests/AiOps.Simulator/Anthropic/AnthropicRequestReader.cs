// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace AiOps.Simulator.Anthropic;

/// <summary>Reads an Anthropic Messages body into a <see cref="SimRequest"/>.</summary>
internal static class AnthropicRequestReader
{
    public static SimRequest Read(JsonElement body)
    {
        string? model = body.TryGetProperty("model", out JsonElement m) ? m.GetString() : null;
        bool stream = body.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.True;
        int chars = 0;
        if (body.TryGetProperty("system", out JsonElement system))
        {
            chars += Text(system).Length;
        }

        string lastUser = string.Empty;
        var toolResults = new List<string>();
        if (body.TryGetProperty("messages", out JsonElement messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement message in messages.EnumerateArray())
            {
                string role = message.TryGetProperty("role", out JsonElement r) ? r.GetString() ?? string.Empty : string.Empty;
                JsonElement content = message.TryGetProperty("content", out JsonElement c) ? c : default;
                toolResults.Clear();
                var userText = new StringBuilder();
                if (content.ValueKind == JsonValueKind.String)
                {
                    userText.Append(content.GetString());
                }
                else if (content.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement block in content.EnumerateArray())
                    {
                        string type = block.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? string.Empty : string.Empty;
                        if (type == "tool_result")
                        {
                            string result = block.TryGetProperty("content", out JsonElement rc) ? Text(rc) : string.Empty;
                            toolResults.Add(result);
                            chars += result.Length;
                        }
                        else if (type == "text" && block.TryGetProperty("text", out JsonElement text))
                        {
                            if (userText.Length > 0)
                            {
                                userText.Append('\n');
                            }

                            userText.Append(text.GetString());
                        }
                    }
                }

                chars += userText.Length;
                if (role == "user" && userText.Length > 0)
                {
                    lastUser = userText.ToString();
                }
            }
        }

        var tools = new List<SimTool>();
        if (body.TryGetProperty("tools", out JsonElement toolArray) && toolArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement tool in toolArray.EnumerateArray())
            {
                if (tool.TryGetProperty("name", out JsonElement name))
                {
                    tools.Add(new SimTool(name.GetString() ?? "tool", tool.TryGetProperty("input_schema", out JsonElement schema) ? schema.Clone() : null));
                }
            }
        }

        JsonElement? responseSchema = null;
        if (body.TryGetProperty("output_config", out JsonElement output) && output.ValueKind == JsonValueKind.Object &&
            output.TryGetProperty("format", out JsonElement format) && format.ValueKind == JsonValueKind.Object &&
            format.TryGetProperty("schema", out JsonElement formatSchema))
        {
            responseSchema = formatSchema.Clone();
        }

        var stops = new List<string>();
        if (body.TryGetProperty("stop_sequences", out JsonElement stopArray) && stopArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement stop in stopArray.EnumerateArray())
            {
                stops.Add(stop.GetString() ?? string.Empty);
            }
        }

        bool thinking = body.TryGetProperty("thinking", out JsonElement th) && th.ValueKind == JsonValueKind.Object &&
                        th.TryGetProperty("type", out JsonElement thType) && thType.GetString() == "enabled";

        return new SimRequest
        {
            Model = model,
            Stream = stream,
            IncludeUsage = true,
            LastUserText = lastUser,
            ToolResults = [.. toolResults],
            Tools = tools,
            ResponseSchema = responseSchema,
            InputChars = chars,
            StopSequences = stops,
            ThinkingRequested = thinking,
        };
    }

    /// <summary>The text of a string-or-blocks value (system, content, tool_result content).</summary>
    public static string Text(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() ?? string.Empty;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (JsonElement block in value.EnumerateArray())
        {
            if (block.TryGetProperty("type", out JsonElement t) && t.GetString() == "text" && block.TryGetProperty("text", out JsonElement text))
            {
                parts.Add(text.GetString() ?? string.Empty);
            }
        }

        return string.Join("\n", parts);
    }
}
