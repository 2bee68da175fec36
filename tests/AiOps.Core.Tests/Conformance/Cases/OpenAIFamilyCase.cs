// Licensed under the MIT License.

using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AiOps.Tests.Conformance;

/// <summary>What every OpenAI-shaped surface shares: the chat-completions body (wire-formats §1.2–1.5), string tool arguments, the
/// <c>tool</c> role for results, <c>stream_options.include_usage</c> on streams, and the same refusals.</summary>
internal abstract class OpenAIFamilyCase : ProviderCase
{
    /// <summary>Gets the output-cap field of this surface.</summary>
    protected virtual string MaxTokensField => "max_completion_tokens";

    /// <summary>Gets the <c>"model"</c> member with its trailing comma, or nothing when the model travels in the URL.</summary>
    protected virtual string ModelMember => $"\"model\":\"{CanonicalChat.Model}\",";

    /// <inheritdoc/>
    public override string CanonicalRequest =>
        "{" + ModelMember + $$$"""
        "messages":[
          {"role":"system","content":"You are a terse weather assistant."},
          {"role":"user","content":[
            {"type":"text","text":"What is the weather in Paris? Compare it with these photos."},
            {"type":"image_url","image_url":{"url":"data:image/png;base64,{{{CanonicalChat.PngBase64}}}"}},
            {"type":"image_url","image_url":{"url":"{{{CanonicalChat.ImageUrl}}}"}}]},
          {"role":"assistant","content":"Let me check.","tool_calls":[
            {"id":"{{{CanonicalChat.CallId}}}","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"unit\":\"celsius\"}"}}]},
          {"role":"tool","tool_call_id":"{{{CanonicalChat.CallId}}}","content":"18 degrees and sunny"},
          {"role":"user","content":"Answer as JSON."}],
        "temperature":0.5,
        "{{{MaxTokensField}}}":400,
        "stop":["END"],
        "response_format":{"type":"json_schema","json_schema":{"name":"weather_report","description":"A weather report.","schema":{{{CanonicalChat.AnswerSchema}}}}},
        "tools":[{"type":"function","function":{"name":"get_weather","description":"Gets the current weather in a city.","parameters":{{{CanonicalChat.ToolSchema}}}}}],
        "tool_choice":"auto"}
        """;

    /// <inheritdoc/>
    public override string StreamMembers => """{"stream":true,"stream_options":{"include_usage":true}}""";

    /// <inheritdoc/>
    public override Regex CallId(int index) => new($"^call_sim{index + 1}$");

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string?> CannotExpress { get; } = new Dictionary<string, string?>
    {
        [CanonicalBadInput.NaNTemperature] = "temperature",
        [CanonicalBadInput.NoMessages] = "messages",
        [CanonicalBadInput.ImageInSystemMessage] = "messages[0]",
        [CanonicalBadInput.HostedTool] = "tools[1]",
        [CanonicalBadInput.ToolCallWithoutId] = "messages[1]",
        [CanonicalBadInput.NonObjectToolSchema] = "tools[0].function.parameters",

        // Sent as they are: the API (or the compatible server) decides; its 400 comes back as InvalidRequest.
        [CanonicalBadInput.TiffImage] = null,
        [CanonicalBadInput.RequireUnknownTool] = null,
        [CanonicalBadInput.OneToolCallPerTurn] = null,
        [CanonicalBadInput.Seed] = null,
    };

    /// <inheritdoc/>
    public override IReadOnlyList<(string Key, object Value, string Parameter)> MistypedOptions { get; } =
    [
        ("system_role", "assistant", "system_role"),
        ("extra_body", "not an object", "extra_body"),
    ];

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) TemperatureRejected => ("temperature", "Invalid value for 'temperature': must be between 0 and 2.");

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) UnknownModel => ("model", "The model `sim-missing` does not exist or you do not have access to it.");

    /// <inheritdoc/>
    public override string OptionsRow => "OpenAI, Azure OpenAI, OpenAI-compatible, Ollama";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> OptionSamples { get; } = OpenAIOptionKeys.ChatPassThrough
        .ToDictionary(k => k, object (k) => "conformance-value")
        .Concat(new Dictionary<string, object>
        {
            [OpenAIOptionKeys.SystemRole] = "developer",
            [OpenAIOptionKeys.StrictJsonSchema] = true,
            [OpenAIOptionKeys.ExtraBody] = new Dictionary<string, object?> { ["conformance_extra"] = 1 },
        })
        .ToDictionary(p => p.Key, p => p.Value);

    /// <inheritdoc/>
    public override (string Key, object Value) CachingOption => ("prompt_cache_key", "conformance-cache");
}
