// Licensed under the MIT License.

using System.Collections.Generic;
using System.Text.Json;

namespace AiOps.Gateway;

/// <summary>An OpenAI <c>/v1/embeddings</c> request.</summary>
internal sealed class EmbeddingRequest
{
    public string? Model { get; init; }

    public required List<string> Inputs { get; init; }

    public int? Dimensions { get; init; }

    public bool Base64 { get; init; }

    /// <summary>Reads and checks a request body (wire-formats §2).</summary>
    public static EmbeddingRequest Read(JsonElement root, GatewayOptions limits)
    {
        JsonRead.RejectProviderControl(root, null);
        string? model = JsonRead.String(root, "model", "model");
        if (!root.TryGetProperty("input", out JsonElement input) || input.ValueKind == JsonValueKind.Null)
        {
            throw JsonRead.Missing("input", "a string or an array of strings");
        }

        var inputs = new List<string>();
        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in input.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new GatewayException(GatewayError.BadRequest(
                        $"'input[{i}]' is not a string. This gateway embeds text; token-id arrays are not accepted.", $"input[{i}]", "unsupported_value"));
                }

                inputs.Add(item.GetString()!);
                i++;
            }
        }
        else
        {
            throw JsonRead.Type("input", "a string or an array of strings");
        }

        if (inputs.Count == 0)
        {
            throw new GatewayException(GatewayError.BadRequest("'input' is empty. Send at least one string.", "input"));
        }

        if (inputs.Count > limits.MaxEmbeddingInputs)
        {
            throw new GatewayException(GatewayError.BadRequest(
                $"'input' has {inputs.Count} items; this gateway accepts at most {limits.MaxEmbeddingInputs} per request.", "input", "too_many_inputs"));
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length == 0)
            {
                throw new GatewayException(GatewayError.BadRequest($"'input[{i}]' is empty; every input must have text.", $"input[{i}]"));
            }
        }

        int? dimensions = JsonRead.Int(root, "dimensions", "dimensions");
        if (dimensions is < 1)
        {
            throw new GatewayException(GatewayError.BadRequest($"'dimensions' is {dimensions}; it must be at least 1.", "dimensions"));
        }

        string format = JsonRead.String(root, "encoding_format", "encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw new GatewayException(GatewayError.BadRequest($"'encoding_format' is '{format}'; use float or base64.", "encoding_format"));
        }

        return new EmbeddingRequest { Model = model, Inputs = inputs, Dimensions = dimensions, Base64 = format == "base64" };
    }
}
