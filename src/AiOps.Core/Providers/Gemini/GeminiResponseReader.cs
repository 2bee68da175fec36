// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AiOps;

/// <summary>Reads a Gemini <c>GenerateContentResponse</c> with <see cref="Utf8JsonReader"/>: one pass, no DOM, unknown fields skipped,
/// only the first candidate kept. Used for every streamed chunk and (through <see cref="GeminiResponseConverter"/>) for whole answers.</summary>
/// <remarks>Repeated strings (<c>modelVersion</c>, <c>responseId</c>, finish reasons) are reused instead of allocated per chunk.
/// Malformed JSON throws <see cref="JsonException"/>, which the SSE reader turns into <see cref="AiErrorKind.StreamInterrupted"/>.</remarks>
internal static class GeminiResponseReader
{
    /// <summary>Parses one complete JSON document.</summary>
    /// <param name="json">The UTF-8 JSON.</param>
    /// <param name="previous">The previous chunk of the same stream, whose strings are reused when equal.</param>
    /// <returns>The response.</returns>
    /// <exception cref="JsonException">The JSON is malformed or not an object.</exception>
    public static GeminiResponse Parse(ReadOnlySpan<byte> json, GeminiResponse? previous)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("The event carried no JSON.");
        }

        GeminiResponse response = Read(ref reader, previous);
        if (reader.Read())
        {
            throw new JsonException("The event carried more than one JSON value.");
        }

        return response;
    }

    /// <summary>Reads the object the reader is positioned on, turning a value of the wrong type into <see cref="JsonException"/>.</summary>
    public static GeminiResponse Read(ref Utf8JsonReader reader, GeminiResponse? previous)
    {
        try
        {
            return ReadCore(ref reader, previous);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // GetString/GetInt32 on a token of another type: the answer is not the documented shape.
            throw new JsonException($"A Gemini response field had an unexpected type: {ex.Message}", ex);
        }
    }

    private static GeminiResponse ReadCore(ref Utf8JsonReader reader, GeminiResponse? previous)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object (a GenerateContentResponse) but found {reader.TokenType}.");
        }

        var response = new GeminiResponse();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("candidates"u8))
            {
                Advance(ref reader);
                response.Candidate = ReadCandidates(ref reader);
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                Advance(ref reader);
                response.Usage = ReadUsage(ref reader);
            }
            else if (reader.ValueTextEquals("modelVersion"u8))
            {
                Advance(ref reader);
                response.ModelVersion = Reuse(ref reader, previous?.ModelVersion);
            }
            else if (reader.ValueTextEquals("responseId"u8))
            {
                Advance(ref reader);
                response.ResponseId = Reuse(ref reader, previous?.ResponseId);
            }
            else if (reader.ValueTextEquals("promptFeedback"u8))
            {
                Advance(ref reader);
                ReadPromptFeedback(ref reader, response);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                Advance(ref reader);
                using JsonDocument error = JsonDocument.ParseValue(ref reader);
                response.ErrorJson = error.RootElement.GetRawText();
            }
            else
            {
                Advance(ref reader);
                reader.Skip();
            }
        }

        return response;
    }

    private static GeminiCandidate? ReadCandidates(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "candidates");
        GeminiCandidate? first = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (first is null && reader.TokenType == JsonTokenType.StartObject)
            {
                first = ReadCandidate(ref reader);
            }
            else
            {
                // AiOps asks for one candidate; any other is ignored.
                reader.Skip();
            }
        }

        return first;
    }

    private static GeminiCandidate ReadCandidate(ref Utf8JsonReader reader)
    {
        var candidate = new GeminiCandidate();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
            {
                Advance(ref reader);
                ReadContent(ref reader, candidate.Parts);
            }
            else if (reader.ValueTextEquals("finishReason"u8))
            {
                Advance(ref reader);
                candidate.FinishReason = FinishReasonString(ref reader);
            }
            else if (reader.ValueTextEquals("finishMessage"u8))
            {
                Advance(ref reader);
                candidate.FinishMessage = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("safetyRatings"u8))
            {
                Advance(ref reader);
                candidate.Categories = ReadSafetyRatings(ref reader);
            }
            else
            {
                Advance(ref reader);
                reader.Skip();
            }
        }

        return candidate;
    }

    private static void ReadContent(ref Utf8JsonReader reader, List<GeminiPart> parts)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject, "content");
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("parts"u8))
            {
                Advance(ref reader);
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                Expect(ref reader, JsonTokenType.StartArray, "parts");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Expect(ref reader, JsonTokenType.StartObject, "parts[]");
                    parts.Add(ReadPart(ref reader));
                }
            }
            else
            {
                // role is always "model" in answers.
                Advance(ref reader);
                reader.Skip();
            }
        }
    }

    private static GeminiPart ReadPart(ref Utf8JsonReader reader)
    {
        var part = new GeminiPart();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("text"u8))
            {
                Advance(ref reader);
                part.Text = reader.GetString();
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                Advance(ref reader);
                part.Thought = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("thoughtSignature"u8))
            {
                Advance(ref reader);
                part.ThoughtSignature = reader.GetString();
            }
            else if (reader.ValueTextEquals("functionCall"u8))
            {
                Advance(ref reader);
                part.FunctionCall = ReadFunctionCall(ref reader);
            }
            else if (reader.ValueTextEquals("inlineData"u8))
            {
                Advance(ref reader);
                (string? mime, string? value) = ReadPair(ref reader, "mimeType"u8, "data"u8);
                part.InlineData = new GeminiBlob { MimeType = mime, Data = value };
            }
            else if (reader.ValueTextEquals("fileData"u8))
            {
                Advance(ref reader);
                (string? mime, string? uri) = ReadPair(ref reader, "mimeType"u8, "fileUri"u8);
                part.FileData = new GeminiFileData { MimeType = mime, FileUri = uri };
            }
            else
            {
                // executableCode, codeExecutionResult, videoMetadata, …: not mapped.
                Advance(ref reader);
                reader.Skip();
            }
        }

        return part;
    }

    private static GeminiFunctionCall ReadFunctionCall(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "functionCall");
        var call = new GeminiFunctionCall();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                Advance(ref reader);
                call.Name = reader.GetString() ?? string.Empty;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                Advance(ref reader);
                call.Id = reader.GetString();
            }
            else if (reader.ValueTextEquals("args"u8))
            {
                Advance(ref reader);

                // Arguments stay a JsonElement (MEAI's convention for parsed arguments); the document is not pooled.
                call.Args = JsonElement.ParseValue(ref reader);
            }
            else
            {
                Advance(ref reader);
                reader.Skip();
            }
        }

        return call;
    }

    private static (string? First, string? Second) ReadPair(ref Utf8JsonReader reader, ReadOnlySpan<byte> firstName, ReadOnlySpan<byte> secondName)
    {
        Expect(ref reader, JsonTokenType.StartObject, "part data");
        string? first = null;
        string? second = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(firstName))
            {
                Advance(ref reader);
                first = reader.GetString();
            }
            else if (reader.ValueTextEquals(secondName))
            {
                Advance(ref reader);
                second = reader.GetString();
            }
            else
            {
                Advance(ref reader);
                reader.Skip();
            }
        }

        return (first, second);
    }

    private static GeminiUsage ReadUsage(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "usageMetadata");
        var usage = new GeminiUsage();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("promptTokenCount"u8))
            {
                Advance(ref reader);
                usage.PromptTokenCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("candidatesTokenCount"u8))
            {
                Advance(ref reader);
                usage.CandidatesTokenCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("thoughtsTokenCount"u8))
            {
                Advance(ref reader);
                usage.ThoughtsTokenCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("totalTokenCount"u8))
            {
                Advance(ref reader);
                usage.TotalTokenCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("cachedContentTokenCount"u8))
            {
                Advance(ref reader);
                usage.CachedContentTokenCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("toolUsePromptTokenCount"u8))
            {
                Advance(ref reader);
                usage.ToolUsePromptTokenCount = reader.GetInt32();
            }
            else
            {
                // promptTokensDetails, cacheTokensDetails, …
                Advance(ref reader);
                reader.Skip();
            }
        }

        return usage;
    }

    private static void ReadPromptFeedback(ref Utf8JsonReader reader, GeminiResponse response)
    {
        Expect(ref reader, JsonTokenType.StartObject, "promptFeedback");
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("blockReason"u8))
            {
                Advance(ref reader);
                response.BlockReason = reader.GetString();
            }
            else if (reader.ValueTextEquals("blockReasonMessage"u8))
            {
                Advance(ref reader);
                response.BlockReasonMessage = reader.GetString();
            }
            else if (reader.ValueTextEquals("safetyRatings"u8))
            {
                Advance(ref reader);
                response.PromptCategories = ReadSafetyRatings(ref reader);
            }
            else
            {
                Advance(ref reader);
                reader.Skip();
            }
        }
    }

    /// <summary>Returns the categories rated <c>blocked: true</c>, else those rated MEDIUM or HIGH, else <see langword="null"/>.</summary>
    private static string[]? ReadSafetyRatings(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "safetyRatings");
        List<string>? blocked = null;
        List<string>? likely = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject, "safetyRatings[]");
            string? category = null;
            bool isBlocked = false;
            bool isLikely = false;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("category"u8))
                {
                    Advance(ref reader);
                    category = reader.GetString();
                }
                else if (reader.ValueTextEquals("blocked"u8))
                {
                    Advance(ref reader);
                    isBlocked = reader.TokenType == JsonTokenType.True;
                }
                else if (reader.ValueTextEquals("probability"u8))
                {
                    Advance(ref reader);
                    isLikely = reader.ValueTextEquals("HIGH"u8) || reader.ValueTextEquals("MEDIUM"u8);
                }
                else
                {
                    Advance(ref reader);
                    reader.Skip();
                }
            }

            if (category is null)
            {
                continue;
            }

            if (isBlocked)
            {
                (blocked ??= []).Add(category);
            }
            else if (isLikely)
            {
                (likely ??= []).Add(category);
            }
        }

        return blocked?.ToArray() ?? likely?.ToArray();
    }

    private static string? FinishReasonString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        // The common values come back as literals, so a stream allocates no string for them.
        if (reader.ValueTextEquals("STOP"u8))
        {
            return GeminiFinishReasons.Stop;
        }

        if (reader.ValueTextEquals("MAX_TOKENS"u8))
        {
            return GeminiFinishReasons.MaxTokens;
        }

        if (reader.ValueTextEquals("SAFETY"u8))
        {
            return GeminiFinishReasons.Safety;
        }

        return reader.GetString();
    }

    private static string? Reuse(ref Utf8JsonReader reader, string? previous)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        return previous is not null && reader.ValueTextEquals(previous) ? previous : reader.GetString();
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"Unexpected {reader.TokenType} in a Gemini response object."),
        };
    }

    private static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The Gemini response JSON ended early.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} for '{what}' but found {reader.TokenType}.");
        }
    }
}
