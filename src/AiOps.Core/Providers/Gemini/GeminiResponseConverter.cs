// Licensed under the MIT License.

using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Lets the source-generated context read a whole answer with <see cref="GeminiResponseReader"/> (one reader for both paths).</summary>
internal sealed class GeminiResponseConverter : JsonConverter<GeminiResponse>
{
    /// <inheritdoc/>
    public override GeminiResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        GeminiResponseReader.Read(ref reader, previous: null);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, GeminiResponse value, JsonSerializerOptions options) =>
        throw new NotSupportedException("AiOps never writes a Gemini response.");
}
