// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace AiOps;

/// <summary>Writes <see cref="AnthropicContent"/> as a JSON string or an array of blocks, and reads either form.</summary>
internal sealed class AnthropicContentConverter : JsonConverter<AnthropicContent>
{
    /// <inheritdoc/>
    public override AnthropicContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return AnthropicContent.FromText(reader.GetString() ?? string.Empty);
        }

        var info = (JsonTypeInfo<List<AnthropicContentBlock>>)options.GetTypeInfo(typeof(List<AnthropicContentBlock>));
        return AnthropicContent.FromBlocks(JsonSerializer.Deserialize(ref reader, info) ?? []);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, AnthropicContent value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        var info = (JsonTypeInfo<List<AnthropicContentBlock>>)options.GetTypeInfo(typeof(List<AnthropicContentBlock>));
        JsonSerializer.Serialize(writer, value.Blocks, info);
    }
}
