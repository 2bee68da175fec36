// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AiOps.Tests.Conformance;

/// <summary>Google Gemini (wire-formats §4): <c>/v1beta/models/{model}:generateContent</c> (<c>:streamGenerateContent?alt=sse</c>),
/// <c>x-goog-api-key</c>, role <c>model</c>, <c>systemInstruction</c>, <c>functionCall</c>/<c>functionResponse</c> parts (a string result
/// wrapped as <c>{"output":…}</c>), <c>generationConfig</c> with <c>responseJsonSchema</c>. Calls carry no ids; AiOps makes them up.</summary>
internal sealed class GeminiCase : ProviderCase
{
    /// <inheritdoc/>
    public override string Name => "google";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new GeminiProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "Google Gemini";

    /// <inheritdoc/>
    public override string ApiKey => "gemini-conformance-0123456789";

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) =>
        stream ? ($"/v1beta/models/{Uri.EscapeDataString(model)}:streamGenerateContent", "?alt=sse") : ($"/v1beta/models/{Uri.EscapeDataString(model)}:generateContent", string.Empty);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string> { ["x-goog-api-key"] = ApiKey };

    /// <inheritdoc/>
    public override string CanonicalRequest => $$$$"""
        {"contents":[
           {"role":"user","parts":[
             {"text":"What is the weather in Paris? Compare it with these photos."},
             {"inlineData":{"mimeType":"image/png","data":"{{{{CanonicalChat.PngBase64}}}}"}},
             {"fileData":{"mimeType":"image/jpeg","fileUri":"{{{{CanonicalChat.ImageUrl}}}}"}}]},
           {"role":"model","parts":[
             {"text":"Let me check."},
             {"functionCall":{"id":"{{{{CanonicalChat.CallId}}}}","name":"get_weather","args":{"city":"Paris","unit":"celsius"}}}]},
           {"role":"user","parts":[
             {"functionResponse":{"id":"{{{{CanonicalChat.CallId}}}}","name":"get_weather","response":{"output":"18 degrees and sunny"}}},
             {"text":"Answer as JSON."}]}],
         "systemInstruction":{"parts":[{"text":"You are a terse weather assistant."}]},
         "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Gets the current weather in a city.","parametersJsonSchema":{{{{CanonicalChat.ToolSchema}}}}}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},
         "generationConfig":{"temperature":0.5,"maxOutputTokens":400,"stopSequences":["END"],"candidateCount":1,
           "responseMimeType":"application/json","responseJsonSchema":{{{{CanonicalChat.AnswerSchema}}}}}}
        """;

    /// <inheritdoc/>
    public override string StreamMembers => "{}";

    /// <inheritdoc/>
    public override Regex CallId(int index) => new($@"^aiops-simresp\d+-{index}$");

    /// <inheritdoc/>
    public override bool ReportsZeroCounts => false;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string?> CannotExpress { get; } = new Dictionary<string, string?>
    {
        [CanonicalBadInput.NaNTemperature] = "temperature",
        [CanonicalBadInput.NoMessages] = "messages",
        [CanonicalBadInput.ImageInSystemMessage] = "messages[0].contents[1]",
        [CanonicalBadInput.TiffImage] = "messages[0].contents[1]",
        [CanonicalBadInput.HostedTool] = "tools[1]",
        [CanonicalBadInput.NonObjectToolSchema] = "tools[0].parameters",
        [CanonicalBadInput.RequireUnknownTool] = "tool_choice",
        [CanonicalBadInput.OneToolCallPerTurn] = "allow_multiple_tool_calls",
        [CanonicalBadInput.Seed] = null,
        [CanonicalBadInput.ToolCallWithoutId] = null,
    };

    /// <inheritdoc/>
    public override IReadOnlyList<(string Key, object Value, string Parameter)> MistypedOptions { get; } =
    [
        ("thinking_budget", "lots", "AdditionalProperties[thinking_budget]"),
        ("include_thoughts", 3, "AdditionalProperties[include_thoughts]"),
        ("safety_settings", "none", "AdditionalProperties[safety_settings]"),
    ];

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) TemperatureRejected =>
        ("generation_config.temperature", "* GenerateContentRequest.generation_config.temperature: must be in the range [0.0, 2.0]\n");

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) UnknownModel =>
        ("model", "models/sim-missing is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> OptionSamples { get; } = new Dictionary<string, object>
    {
        [GeminiOptions.SafetySettings] = new[] { new Dictionary<string, object?> { ["category"] = "HARM_CATEGORY_HARASSMENT", ["threshold"] = "BLOCK_ONLY_HIGH" } },
        [GeminiOptions.CachedContent] = "cachedContents/conformance",
        [GeminiOptions.ThinkingBudget] = 0,
        [GeminiOptions.ThinkingLevel] = "low",
        [GeminiOptions.IncludeThoughts] = true,
        [GeminiOptions.ResponseMimeType] = "text/x.enum",
        [GeminiOptions.MediaResolution] = "MEDIA_RESOLUTION_LOW",
    };

    /// <inheritdoc/>
    public override (string Key, object Value) CachingOption => ("cached_content", "cachedContents/conformance-cache");
}
