// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AiOps.Tests.Conformance;

/// <summary>Anthropic Messages (wire-formats §3): <c>POST {host}/v1/messages</c>, <c>x-api-key</c> + <c>anthropic-version</c>, the
/// system prompt lifted to <c>system</c>, <c>max_tokens</c> always, tool results as <c>tool_result</c> blocks in a user turn merged with
/// the next user turn, <c>input</c> objects, <c>output_config.format</c> for the schema.</summary>
internal sealed class AnthropicCase : ProviderCase
{
    /// <inheritdoc/>
    public override string Name => "anthropic";

    /// <inheritdoc/>
    public override AiProvider Provider { get; } = new AnthropicProvider();

    /// <inheritdoc/>
    public override string MatrixRow => "Anthropic";

    /// <inheritdoc/>
    public override string ApiKey => "sk-ant-conformance-0123456789";

    /// <inheritdoc/>
    public override (string Path, string Query) ChatRoute(string model, bool stream) => ("/v1/messages", string.Empty);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string> AuthHeaders => new Dictionary<string, string>
    {
        ["x-api-key"] = ApiKey,
        ["anthropic-version"] = "2023-06-01",
    };

    /// <inheritdoc/>
    public override string CanonicalRequest => $$$$"""
        {"model":"{{{{CanonicalChat.Model}}}}",
         "max_tokens":400,
         "system":"You are a terse weather assistant.",
         "messages":[
           {"role":"user","content":[
             {"type":"text","text":"What is the weather in Paris? Compare it with these photos."},
             {"type":"image","source":{"type":"base64","media_type":"image/png","data":"{{{{CanonicalChat.PngBase64}}}}"}},
             {"type":"image","source":{"type":"url","url":"{{{{CanonicalChat.ImageUrl}}}}"}}]},
           {"role":"assistant","content":[
             {"type":"text","text":"Let me check."},
             {"type":"tool_use","id":"{{{{CanonicalChat.CallId}}}}","name":"get_weather","input":{"city":"Paris","unit":"celsius"}}]},
           {"role":"user","content":[
             {"type":"tool_result","tool_use_id":"{{{{CanonicalChat.CallId}}}}","content":"18 degrees and sunny"},
             {"type":"text","text":"Answer as JSON."}]}],
         "temperature":0.5,
         "stop_sequences":["END"],
         "tools":[{"name":"get_weather","description":"Gets the current weather in a city.","input_schema":{{{{CanonicalChat.ToolSchema}}}}}],
         "tool_choice":{"type":"auto"},
         "output_config":{"format":{"type":"json_schema","schema":{{{{CanonicalChat.AnswerSchema}}}}}}}
        """;

    /// <inheritdoc/>
    public override string StreamMembers => """{"stream":true}""";

    /// <inheritdoc/>
    public override Regex CallId(int index) => new($@"^toolu_01Sim\d{{6}}x{index + 1}$");

    /// <inheritdoc/>
    public override bool ReportsReasoningTokens => false;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string?> CannotExpress { get; } = new Dictionary<string, string?>
    {
        [CanonicalBadInput.NaNTemperature] = "temperature",
        [CanonicalBadInput.NoMessages] = "messages",
        [CanonicalBadInput.ImageInSystemMessage] = "messages[0].contents[1]",
        [CanonicalBadInput.TiffImage] = "messages[0].contents[1].media_type",
        [CanonicalBadInput.HostedTool] = "tools[1]",
        [CanonicalBadInput.NonObjectToolSchema] = "tools[0].input_schema",
        [CanonicalBadInput.RequireUnknownTool] = "tool_choice",
        [CanonicalBadInput.Seed] = "seed",
        [CanonicalBadInput.ToolCallWithoutId] = "messages[1].contents[0]",
        [CanonicalBadInput.OneToolCallPerTurn] = null,
    };

    /// <inheritdoc/>
    public override IReadOnlyList<(string Key, object Value, string Parameter)> MistypedOptions { get; } =
    [
        (AnthropicOptions.ThinkingBudgetTokens, "lots", AnthropicOptions.ThinkingBudgetTokens),
        (AnthropicOptions.CacheControl, 42, AnthropicOptions.CacheControl),
        (AnthropicOptions.ServiceTier, 5, AnthropicOptions.ServiceTier),
    ];

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) TemperatureRejected => ("temperature", "temperature: range: 0..1");

    /// <inheritdoc/>
    public override (string Parameter, string ProviderMessage) UnknownModel => ("model", "model: sim-missing");

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object> OptionSamples { get; } = new Dictionary<string, object>
    {
        [AnthropicOptions.Beta] = "conformance-beta-2026-01-01",
        [AnthropicOptions.ThinkingBudgetTokens] = 2048,
        [AnthropicOptions.CacheControl] = "ephemeral",
        [AnthropicOptions.ServiceTier] = "standard_only",
        [AnthropicOptions.MetadataUserId] = "user-7f3a",
    };

    /// <inheritdoc/>
    public override (string Key, object Value) CachingOption => (AnthropicOptions.CacheControl, "ephemeral");
}
