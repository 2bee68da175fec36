// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Canonical inputs that some provider cannot express. Each <see cref="ProviderCase"/> says, for every one, whether it refuses
/// it before sending (and with which parameter) or sends it.</summary>
internal static class CanonicalBadInput
{
    /// <summary>A temperature that is not a number (every provider refuses it).</summary>
    public const string NaNTemperature = "temperature-nan";

    /// <summary>No messages at all (every provider refuses it).</summary>
    public const string NoMessages = "no-messages";

    /// <summary>An image in a system message.</summary>
    public const string ImageInSystemMessage = "image-in-system-message";

    /// <summary>A TIFF image.</summary>
    public const string TiffImage = "tiff-image";

    /// <summary>A hosted (non-function) tool.</summary>
    public const string HostedTool = "hosted-tool";

    /// <summary>A function whose parameter schema is not an object schema.</summary>
    public const string NonObjectToolSchema = "non-object-tool-schema";

    /// <summary>A tool mode that requires a function not among the tools.</summary>
    public const string RequireUnknownTool = "require-unknown-tool";

    /// <summary>At most one tool call per turn.</summary>
    public const string OneToolCallPerTurn = "one-tool-call-per-turn";

    /// <summary>A sampling seed.</summary>
    public const string Seed = "seed";

    /// <summary>A tool call (and its result) without a call id.</summary>
    public const string ToolCallWithoutId = "tool-call-without-id";

    /// <summary>Gets every name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        NaNTemperature, NoMessages, ImageInSystemMessage, TiffImage, HostedTool, NonObjectToolSchema, RequireUnknownTool, OneToolCallPerTurn,
        Seed, ToolCallWithoutId,
    ];

    /// <summary>Builds the request a name stands for.</summary>
    public static (List<ChatMessage> Messages, ChatOptions Options) Build(string name)
    {
        var messages = new List<ChatMessage> { new(ChatRole.User, "What is the weather in Paris?") };
        var options = new ChatOptions { ModelId = CanonicalChat.Model };
        switch (name)
        {
            case NaNTemperature:
                options.Temperature = float.NaN;
                break;
            case NoMessages:
                messages.Clear();
                break;
            case ImageInSystemMessage:
                messages.Insert(0, new ChatMessage(ChatRole.System, [new TextContent("Describe images."), new DataContent(CanonicalChat.Png, "image/png")]));
                break;
            case TiffImage:
                messages[0].Contents.Add(new DataContent(new byte[] { 0x49, 0x49, 0x2A, 0x00 }, "image/tiff"));
                break;
            case HostedTool:
                options.Tools = [CanonicalChat.WeatherTool, new HostedWebSearchTool()];
                break;
            case NonObjectToolSchema:
                options.Tools = [AIFunctionFactory.CreateDeclaration("shout", "Shouts a word.", CanonicalChat.Parse("""{"type":"string"}"""))];
                break;
            case RequireUnknownTool:
                options.Tools = [CanonicalChat.WeatherTool];
                options.ToolMode = ChatToolMode.RequireSpecific("get_stock_price");
                break;
            case OneToolCallPerTurn:
                options.Tools = [CanonicalChat.WeatherTool];
                options.AllowMultipleToolCalls = false;
                break;
            case Seed:
                options.Seed = 42;
                break;
            case ToolCallWithoutId:
                options.Tools = [CanonicalChat.WeatherTool];
                messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(string.Empty, "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]));
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(string.Empty, "18 degrees")]));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown canonical bad input.");
        }

        return (messages, options);
    }
}
