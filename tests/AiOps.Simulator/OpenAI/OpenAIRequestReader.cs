// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps.Simulator.OpenAI;

/// <summary>Reads an OpenAI chat-completions body into a <see cref="SimRequest"/>.</summary>
internal static class OpenAIRequestReader
{
    public static SimRequest Read(JsonElement body, string? modelOverride)
    {
        string? model = modelOverride ?? (body.TryGetProperty("model", out JsonElement m) ? m.GetString() : null);
        bool stream = body.TryGetProperty("stream", out JsonElement s) && s.ValueKind == JsonValueKind.True;
        bool includeUsage = body.TryGetProperty("stream_options", out JsonElement so) && so.ValueKind == JsonValueKind.Object &&
                            so.TryGetProperty("include_usage", out JsonElement iu) && iu.ValueKind == JsonValueKind.True;
        string lastUser = string.Empty;
        var toolResults = new List<string>();
        int chars = 0;
        if (body.TryGetProperty("messages", out JsonElement messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement message in messages.EnumerateArray())
            {
                string role = message.TryGetProperty("role", out JsonElement r) ? r.GetString() ?? string.Empty : string.Empty;
                string text = ContentText(message);
                chars += text.Length;
                if (role == "tool")
                {
                    toolResults.Add(text);
                }
                else
                {
                    toolResults.Clear();
                    if (role == "user")
                    {
                        lastUser = text;
                    }
                }
            }
        }

        var tools = new List<SimTool>();
        if (body.TryGetProperty("tools", out JsonElement toolArray) && toolArray.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement tool in toolArray.EnumerateArray())
            {
                if (tool.TryGetProperty("function", out JsonElement f) && f.TryGetProperty("name", out JsonElement name))
                {
                    tools.Add(new SimTool(name.GetString() ?? "tool", f.TryGetProperty("parameters", out JsonElement p) ? p.Clone() : null));
                }
            }
        }

        JsonElement? schema = null;
        if (body.TryGetProperty("response_format", out JsonElement rf) && rf.ValueKind == JsonValueKind.Object &&
            rf.TryGetProperty("json_schema", out JsonElement js) && js.TryGetProperty("schema", out JsonElement sch))
        {
            schema = sch.Clone();
        }

        var stops = new List<string>();
        if (body.TryGetProperty("stop", out JsonElement stop))
        {
            if (stop.ValueKind == JsonValueKind.String)
            {
                stops.Add(stop.GetString()!);
            }
            else if (stop.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement x in stop.EnumerateArray())
                {
                    stops.Add(x.GetString() ?? string.Empty);
                }
            }
        }

        return new SimRequest
        {
            Model = model,
            Stream = stream,
            IncludeUsage = includeUsage,
            LastUserText = lastUser,
            ToolResults = toolResults,
            Tools = tools,
            ResponseSchema = schema,
            InputChars = chars,
            StopSequences = stops,
        };
    }

    private static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out JsonElement content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString() ?? string.Empty;
        }

        if (content.ValueKind == JsonValueKind.Array)
        {
            var parts = new List<string>();
            foreach (JsonElement part in content.EnumerateArray())
            {
                if (part.TryGetProperty("text", out JsonElement t) && t.GetString() is string text)
                {
                    parts.Add(text);
                }
            }

            return string.Join("\n", parts);
        }

        return string.Empty;
    }
}
