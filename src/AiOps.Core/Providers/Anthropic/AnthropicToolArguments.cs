// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Turns a <c>tool_use</c> input (a JSON object on the wire) into <see cref="FunctionCallContent"/> arguments.</summary>
/// <remarks>Argument values are <see cref="JsonElement"/>s, as in Microsoft.Extensions.AI's own clients; <c>AIFunction</c> binds them.</remarks>
internal static class AnthropicToolArguments
{
    /// <summary>Builds the call from a parsed input object (non-streamed answers).</summary>
    public static FunctionCallContent FromElement(string callId, string name, JsonElement? input)
    {
        var arguments = new Dictionary<string, object?>();
        if (input is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }
        }

        return new FunctionCallContent(callId, name, arguments);
    }

    /// <summary>Builds the call from the concatenated <c>partial_json</c> fragments (streamed answers). Empty means <c>{}</c>; JSON that
    /// does not parse yields a call whose <see cref="FunctionCallContent.Exception"/> says why (the tool loop reports it to the model).</summary>
    public static FunctionCallContent FromJson(string callId, string name, string json) =>
        FunctionCallContent.CreateFromParsedArguments(
            json.Length == 0 ? "{}" : json,
            callId,
            name,
            static text => (IDictionary<string, object?>?)JsonSerializer.Deserialize(text, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
}
