// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>The one canonical conversation every provider must map: a system prompt, a user turn with text and two images (inline
/// and by URL), an assistant turn with text and a tool call, the tool's result, a follow-up question; options with sampling, an
/// output cap, a stop sequence, a tool with automatic tool choice and a JSON schema for the answer.</summary>
internal static class CanonicalChat
{
    /// <summary>The model the canonical request names (a deployment name on Azure).</summary>
    public const string Model = "conformance-model";

    /// <summary>The id of the tool call in the history.</summary>
    public const string CallId = "call_weather_1";

    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>The PNG in base64, as every wire carries it.</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    /// <summary>The URL of the second image.</summary>
    public const string ImageUrl = "https://images.example.com/paris.jpg";

    /// <summary>The tool's parameter schema.</summary>
    public const string ToolSchema =
        """{"type":"object","properties":{"city":{"type":"string","description":"The city name."},"unit":{"type":"string","enum":["celsius","fahrenheit"]}},"required":["city"]}""";

    /// <summary>The answer's JSON schema.</summary>
    public const string AnswerSchema =
        """{"type":"object","properties":{"city":{"type":"string"},"temperature":{"type":"number"},"summary":{"type":"string"}},"required":["city","temperature","summary"],"additionalProperties":false}""";

    /// <summary>Gets the weather tool (a declaration: the conformance suite never invokes it).</summary>
    public static AIFunctionDeclaration WeatherTool { get; } =
        AIFunctionFactory.CreateDeclaration("get_weather", "Gets the current weather in a city.", Parse(ToolSchema));

    /// <summary>Gets a second tool, for parallel calls.</summary>
    public static AIFunctionDeclaration TimeTool { get; } =
        AIFunctionFactory.CreateDeclaration("get_time", "Gets the local time in a city.", Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

    /// <summary>Builds the canonical conversation (new instances each time: clients may not mutate, but tests must not share state).</summary>
    public static List<ChatMessage> Messages() =>
    [
        new(ChatRole.System, "You are a terse weather assistant."),
        new(ChatRole.User,
        [
            new TextContent("What is the weather in Paris? Compare it with these photos."),
            new DataContent(Png, "image/png"),
            new UriContent(ImageUrl, "image/jpeg"),
        ]),
        new(ChatRole.Assistant,
        [
            new TextContent("Let me check."),
            new FunctionCallContent(CallId, "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["unit"] = "celsius" }),
        ]),
        new(ChatRole.Tool, [new FunctionResultContent(CallId, "18 degrees and sunny")]),
        new(ChatRole.User, "Answer as JSON."),
    ];

    /// <summary>Builds the canonical options.</summary>
    public static ChatOptions Options() => new()
    {
        ModelId = Model,
        Temperature = 0.5f,
        MaxOutputTokens = 400,
        StopSequences = ["END"],
        Tools = [WeatherTool],
        ToolMode = ChatToolMode.Auto,
        ResponseFormat = ChatResponseFormat.ForJsonSchema(Parse(AnswerSchema), "weather_report", "A weather report."),
    };

    /// <summary>Parses JSON into a detached element.</summary>
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
