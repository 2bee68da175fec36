// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;
using Anthropic;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using AiTextContent = Microsoft.Extensions.AI.TextContent;
using SdkTool = Anthropic.Models.Messages.Tool;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>The official Anthropic .NET SDK (NuGet <c>Anthropic</c> 13.13.0) as an oracle: for representative requests, the body AiOps sends
/// for the canonical conversation equals, field for field, the body the SDK sends for the same request written in its own types.
/// Both go to the simulator, which records them.</summary>
/// <remarks>Field for field means: the same properties with the same values at every level (property order aside, numbers by value).</remarks>
/// <remarks>SDK 13.13.0 has no typed <c>temperature</c>, <c>top_p</c> or <c>top_k</c> on <c>MessageCreateParams</c>, so those fields are
/// checked against wire-formats §3.2 in <see cref="AnthropicRequestTests"/> instead.</remarks>
public sealed class AnthropicSdkOracleTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string Model = "claude-sonnet-4-5";
    private const string WeatherSchemaJson = """{"type":"object","properties":{"location":{"type":"string","description":"City and country"}},"required":["location"]}""";

    [Fact]
    public async Task SystemAndMultiTurn_MatchesTheSdk()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are terse."),
            new(ChatRole.User, "Hello, Claude"),
            new(ChatRole.Assistant, "Hi! How can I help?"),
            new(ChatRole.User, "Tell me a joke."),
        ];
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 1024,
            System = "You are terse.",
            Messages =
            [
                new UserMessageParam("Hello, Claude"),
                new AssistantMessageParam("Hi! How can I help?"),
                new UserMessageParam("Tell me a joke."),
            ],
            StopSequences = ["\n\nHuman:"],
        };

        await AssertSameBody(messages, new ChatOptions { ModelId = Model, MaxOutputTokens = 1024, StopSequences = ["\n\nHuman:"] }, sdk);
    }

    [Fact]
    public async Task ToolsAndToolResults_MatchTheSdk()
    {
        ChatMessage[] messages =
        [
            new(ChatRole.User, "What is the weather in Paris and Oslo?"),
            new(ChatRole.Assistant, [
                new AiTextContent("I'll check the current weather."),
                new FunctionCallContent("toolu_01A09q90qw90lq917835lq9", "get_weather", new Dictionary<string, object?> { ["location"] = "Paris, FR" }),
                new FunctionCallContent("toolu_01D7FLrfh4GYq7yT1ULFeyMV", "get_weather", new Dictionary<string, object?> { ["location"] = "Oslo, NO" }),
            ]),
            new(ChatRole.Tool, [
                new FunctionResultContent("toolu_01A09q90qw90lq917835lq9", "15 degrees, sunny"),
                new FunctionResultContent("toolu_01D7FLrfh4GYq7yT1ULFeyMV", "Error: sensor offline") { Exception = new InvalidOperationException("sensor offline") },
            ]),
        ];
        var options = new ChatOptions
        {
            ModelId = Model,
            MaxOutputTokens = 1024,
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Get the current weather in a location.", JsonDocument.Parse(WeatherSchemaJson).RootElement)],
        };
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 1024,
            Tools = [WeatherTool()],
            Messages =
            [
                new UserMessageParam("What is the weather in Paris and Oslo?"),
                new AssistantMessageParam(new List<ContentBlockParam>
                {
                    new TextBlockParam("I'll check the current weather."),
                    new ToolUseBlockParam { ID = "toolu_01A09q90qw90lq917835lq9", Name = "get_weather", Input = Json("""{"location":"Paris, FR"}""") },
                    new ToolUseBlockParam { ID = "toolu_01D7FLrfh4GYq7yT1ULFeyMV", Name = "get_weather", Input = Json("""{"location":"Oslo, NO"}""") },
                }),
                new UserMessageParam(new List<ContentBlockParam>
                {
                    new ToolResultBlockParam("toolu_01A09q90qw90lq917835lq9") { Content = "15 degrees, sunny" },
                    new ToolResultBlockParam("toolu_01D7FLrfh4GYq7yT1ULFeyMV") { Content = "Error: sensor offline", IsError = true },
                }),
            ],
        };

        await AssertSameBody(messages, options, sdk);
    }

    [Fact]
    public async Task ImagesAndDocuments_MatchTheSdk()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        byte[] pdf = "%PDF-1.7"u8.ToArray();
        ChatMessage[] messages =
        [
            new(ChatRole.User, [
                new AiTextContent("Compare these."),
                new DataContent(png, "image/png"),
                new UriContent(new Uri("https://upload.wikimedia.org/cat.jpg"), "image/jpeg"),
                new DataContent(pdf, "application/pdf"),
            ]),
        ];
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 2048,
            Messages =
            [
                new UserMessageParam(new List<ContentBlockParam>
                {
                    new TextBlockParam("Compare these."),
                    new ImageBlockParam(new Base64ImageSource { Data = Convert.ToBase64String(png), MediaType = MediaType.ImagePng }),
                    new ImageBlockParam(new UrlImageSource("https://upload.wikimedia.org/cat.jpg")),
                    new DocumentBlockParam(new Base64PdfSource(Convert.ToBase64String(pdf))),
                }),
            ],
        };

        await AssertSameBody(messages, new ChatOptions { ModelId = Model, MaxOutputTokens = 2048 }, sdk);
    }

    [Fact]
    public async Task ThinkingWithSignedHistory_MatchesTheSdk()
    {
        string signature = Simulator.Anthropic.AnthropicSignature.For("Paris is the capital.");
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Capital of France?"),
            new(ChatRole.Assistant, [
                new TextReasoningContent("Paris is the capital.") { ProtectedData = signature },
                new TextReasoningContent(string.Empty) { ProtectedData = "EmwKAhgBEgy3va3pzix", AdditionalProperties = new() { [AnthropicOptions.RedactedThinking] = true } },
                new AiTextContent("Paris."),
            ]),
            new(ChatRole.User, "And of Norway?"),
        ];
        var options = new ChatOptions { ModelId = Model, MaxOutputTokens = 4096, AdditionalProperties = new() { [AnthropicOptions.ThinkingBudgetTokens] = 2048 } };
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 4096,
            Thinking = new ThinkingConfigEnabled(2048),
            Messages =
            [
                new UserMessageParam("Capital of France?"),
                new AssistantMessageParam(new List<ContentBlockParam>
                {
                    new ThinkingBlockParam { Thinking = "Paris is the capital.", Signature = signature },
                    new RedactedThinkingBlockParam("EmwKAhgBEgy3va3pzix"),
                    new TextBlockParam("Paris."),
                }),
                new UserMessageParam("And of Norway?"),
            ],
        };

        await AssertSameBody(messages, options, sdk);
    }

    [Fact]
    public async Task StopSequencesMetadataAndServiceTier_MatchTheSdk()
    {
        var options = new ChatOptions
        {
            ModelId = Model,
            MaxOutputTokens = 512,
            StopSequences = ["END", "\n\nHuman:"],
            AdditionalProperties = new() { [AnthropicOptions.MetadataUserId] = "9f1c2b", [AnthropicOptions.ServiceTier] = "standard_only" },
        };
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 512,
            Messages = [new UserMessageParam("Count to ten.")],
            StopSequences = ["END", "\n\nHuman:"],
            Metadata = new Metadata { UserID = "9f1c2b" },
            ServiceTier = ServiceTier.StandardOnly,
        };

        await AssertSameBody([new ChatMessage(ChatRole.User, "Count to ten.")], options, sdk);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("any")]
    [InlineData("tool")]
    [InlineData("none")]
    public async Task ToolChoice_MatchesTheSdk(string kind)
    {
        var options = new ChatOptions
        {
            ModelId = Model,
            MaxOutputTokens = 1024,
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Get the current weather in a location.", JsonDocument.Parse(WeatherSchemaJson).RootElement)],
            ToolMode = kind switch { "auto" => ChatToolMode.Auto, "any" => ChatToolMode.RequireAny, "tool" => ChatToolMode.RequireSpecific("get_weather"), _ => ChatToolMode.None },
            AllowMultipleToolCalls = kind == "none" ? null : false,
        };
        ToolChoice choice = kind switch
        {
            "auto" => new ToolChoiceAuto { DisableParallelToolUse = true },
            "any" => new ToolChoiceAny { DisableParallelToolUse = true },
            "tool" => new ToolChoiceTool("get_weather") { DisableParallelToolUse = true },
            _ => new ToolChoiceNone(),
        };
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 1024,
            Messages = [new UserMessageParam("Weather in Paris?")],
            Tools = [WeatherTool()],
            ToolChoice = choice,
        };

        await AssertSameBody([new ChatMessage(ChatRole.User, "Weather in Paris?")], options, sdk);
    }

    [Fact]
    public async Task PromptCaching_MatchesTheSdk()
    {
        var chosen = new ChatMessage(ChatRole.User, "Here is a long contract …") { AdditionalProperties = new() { [AnthropicOptions.CacheControl] = "5m" } };
        var options = new ChatOptions
        {
            ModelId = Model,
            MaxOutputTokens = 1024,
            Tools = [AIFunctionFactory.CreateDeclaration("get_weather", "Get the current weather in a location.", JsonDocument.Parse(WeatherSchemaJson).RootElement)],
            AdditionalProperties = new() { [AnthropicOptions.CacheControl] = "1h" },
        };
        var oneHour = new CacheControlEphemeral { Ttl = Ttl.Ttl1h };
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 1024,
            System = new List<TextBlockParam> { new("You review contracts.") { CacheControl = oneHour } },
            Tools = [WeatherTool() with { CacheControl = oneHour }],
            Messages = [new UserMessageParam(new List<ContentBlockParam> { new TextBlockParam("Here is a long contract …") { CacheControl = new CacheControlEphemeral { Ttl = Ttl.Ttl5m } } })],
        };

        await AssertSameBody([new ChatMessage(ChatRole.System, "You review contracts."), chosen], options, sdk);
    }

    [Fact]
    public async Task StructuredOutput_MatchesTheSdk()
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},"required":["city","population"],"additionalProperties":false}""";
        var options = new ChatOptions { ModelId = Model, MaxOutputTokens = 1024, ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema).RootElement, "city") };
        var sdk = new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 1024,
            Messages = [new UserMessageParam("Largest city in Norway?")],
            OutputConfig = new OutputConfig { Format = new JsonOutputFormat { Schema = Json(schema) } },
        };

        await AssertSameBody([new ChatMessage(ChatRole.User, "Largest city in Norway?")], options, sdk);
    }

    private static SdkTool WeatherTool()
    {
        IReadOnlyDictionary<string, JsonElement> schema = Json(WeatherSchemaJson);
        return new SdkTool
        {
            Name = "get_weather",
            Description = "Get the current weather in a location.",
            InputSchema = new InputSchema { Properties = Json(schema["properties"].GetRawText()), Required = ["location"] },
        };
    }

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private async Task AssertSameBody(IEnumerable<ChatMessage> messages, ChatOptions options, MessageCreateParams sdkParams)
    {
        (IChatClient ours, string ourKey) = AnthropicTestClients.ForSimulator(sim);
        await ours.GetResponseAsync(messages, options);

        string sdkKey = Guid.NewGuid().ToString("N");
        using var http = new HttpClient(new SimKeyHandler(sdkKey) { InnerHandler = new SocketsHttpHandler { UseProxy = false } });
        var sdk = new AnthropicClient { ApiKey = AnthropicTestClients.ApiKey, BaseUrl = sim.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0, HttpClient = http };
        _ = await sdk.Messages.Create(sdkParams);

        RecordedRequest ourRequest = AnthropicTestClients.Single(sim, ourKey);
        RecordedRequest sdkRequest = AnthropicTestClients.Single(sim, sdkKey);
        JsonTreeAssert.Equivalent(sdkRequest.Body, ourRequest.Body);
        Assert.Equal(sdkRequest.Path, ourRequest.Path);
        Assert.Equal("application/json", sdkRequest.Headers["Content-Type"]);
        Assert.Equal("application/json", ourRequest.Headers["Content-Type"]);

        // Headers are not compared: SDK 13.13.0 sends anthropic-version 2026-10-21 and the key as "Authorization: Bearer", while
        // AiOps sends anthropic-version 2023-06-01 (unless ApiVersion overrides it) and x-api-key, as wire-formats §3.1 records
        // (docs/providers.md). The bodies above are equal either way.
        Assert.Equal(AnthropicOptions.DefaultApiVersion, ourRequest.Headers["anthropic-version"]);
        Assert.Equal(AnthropicTestClients.ApiKey, ourRequest.Headers["x-api-key"]);
    }

    /// <summary>Tags the SDK's requests so the test finds them among the simulator's recordings.</summary>
    private sealed class SimKeyHandler(string key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("x-sim-key", key);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
