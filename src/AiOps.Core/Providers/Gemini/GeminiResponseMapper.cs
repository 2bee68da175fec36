// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Turns Gemini answers into Microsoft.Extensions.AI content, usage and finish reasons (shared by the whole and streamed paths).</summary>
/// <remarks>
/// <para>Thought signatures: a signature on a <c>functionCall</c> part is kept in
/// <c>FunctionCallContent.AdditionalProperties["gemini.thought_signature"]</c>; on a thought part in
/// <see cref="TextReasoningContent.ProtectedData"/>; on any other part in a <see cref="TextReasoningContent"/> with empty text whose
/// <see cref="TextReasoningContent.ProtectedData"/> is the signature, placed right after that part's content. All three survive
/// <c>ToChatResponse()</c> coalescing and are sent back in place by <see cref="GeminiRequestBuilder"/>.</para>
/// <para>Call ids: Gemini's Developer API usually sends none, so AiOps makes stable ones, <c>aiops-&lt;responseId&gt;-&lt;n&gt;</c>
/// (<see cref="SyntheticIdPrefix"/>); those are never sent back to Gemini.</para>
/// </remarks>
internal static class GeminiResponseMapper
{
    /// <summary>The key of a function call's thought signature in <see cref="AIContent.AdditionalProperties"/>.</summary>
    public const string ThoughtSignatureKey = "gemini.thought_signature";

    /// <summary>The prefix of call ids AiOps made up because the answer carried none.</summary>
    public const string SyntheticIdPrefix = "aiops-";

    /// <summary>The key of <c>candidatesTokenCount</c> in <see cref="UsageDetails.AdditionalCounts"/>.</summary>
    public const string CandidatesTokensKey = "gemini.candidatesTokenCount";

    /// <summary>The key of <c>toolUsePromptTokenCount</c> in <see cref="UsageDetails.AdditionalCounts"/>.</summary>
    public const string ToolUsePromptTokensKey = "gemini.toolUsePromptTokenCount";

    /// <summary>The key of <c>finishMessage</c> in <c>AdditionalProperties</c>.</summary>
    public const string FinishMessageKey = "gemini.finish_message";

    /// <summary>Adds the contents of a candidate's parts, in order.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="into">Where to add.</param>
    /// <param name="responseId">The response id, for synthetic call ids.</param>
    /// <param name="callIndex">How many calls this answer has made so far (advanced for each call).</param>
    /// <returns>Whether a function call was added.</returns>
    public static bool AddContents(GeminiCandidate candidate, IList<AIContent> into, string? responseId, ref int callIndex)
    {
        bool calls = false;
        List<GeminiPart> parts = candidate.Parts;
        for (int i = 0; i < parts.Count; i++)
        {
            GeminiPart part = parts[i];
            string? signature = part.ThoughtSignature;
            if (part.FunctionCall is GeminiFunctionCall call)
            {
                into.Add(ToFunctionCall(call, part, signature, responseId, callIndex++));
                calls = true;
                continue;
            }

            if (part.Thought == true)
            {
                into.Add(new TextReasoningContent(part.Text ?? string.Empty) { ProtectedData = signature, RawRepresentation = part });
                continue;
            }

            if (part.Text is { Length: > 0 } text)
            {
                into.Add(new TextContent(text) { RawRepresentation = part });
            }
            else if (part.InlineData is GeminiBlob blob && blob.Data is not null)
            {
                into.Add(new DataContent(DecodeBase64(blob.Data), blob.MimeType ?? "application/octet-stream") { RawRepresentation = part });
            }
            else if (part.FileData is GeminiFileData file && file.FileUri is not null && Uri.TryCreate(file.FileUri, UriKind.Absolute, out Uri? uri))
            {
                into.Add(new UriContent(uri, file.MimeType ?? "application/octet-stream") { RawRepresentation = part });
            }

            if (signature is not null)
            {
                into.Add(new TextReasoningContent(string.Empty) { ProtectedData = signature, RawRepresentation = part });
            }
        }

        return calls;
    }

    /// <summary>Maps usage. Output = <c>candidatesTokenCount + thoughtsTokenCount</c> (MEAI counts reasoning inside output, Gemini does not);
    /// reasoning = <c>thoughtsTokenCount</c>; input = <c>promptTokenCount</c> (includes cached); cached = <c>cachedContentTokenCount</c>;
    /// total = <c>totalTokenCount</c>. The raw <c>candidatesTokenCount</c> and <c>toolUsePromptTokenCount</c> are in
    /// <see cref="UsageDetails.AdditionalCounts"/>.</summary>
    public static UsageDetails ToUsage(GeminiUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokenCount,
            OutputTokenCount = usage.CandidatesTokenCount is null && usage.ThoughtsTokenCount is null
                ? null
                : (long)(usage.CandidatesTokenCount ?? 0) + (usage.ThoughtsTokenCount ?? 0),
            ReasoningTokenCount = usage.ThoughtsTokenCount,
            CachedInputTokenCount = usage.CachedContentTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
        if (usage.CandidatesTokenCount is int candidates)
        {
            (details.AdditionalCounts ??= [])[CandidatesTokensKey] = candidates;
        }

        if (usage.ToolUsePromptTokenCount is int toolUse)
        {
            (details.AdditionalCounts ??= [])[ToolUsePromptTokensKey] = toolUse;
        }

        return details;
    }

    /// <summary>Builds the non-streamed <see cref="ChatResponse"/>.</summary>
    /// <exception cref="AiException"><see cref="AiErrorKind.ContentFiltered"/> when the prompt was blocked;
    /// <see cref="AiErrorKind.InvalidResponse"/> when there is no candidate.</exception>
    public static ChatResponse ToChatResponse(GeminiResponse response, string model, string? requestId, ProviderInfo info)
    {
        if (response.BlockReason is not null)
        {
            throw PromptBlocked(response, requestId, info);
        }

        if (response.Candidate is not GeminiCandidate candidate)
        {
            throw new AiException(AiErrorKind.InvalidResponse, $"{info.DisplayName} answered, but the answer had no candidate and no block reason. This is a provider or proxy fault; retry, and report it if it persists.")
            {
                Provider = info.Name,
                RequestId = requestId,
            };
        }

        var contents = new List<AIContent>(candidate.Parts.Count);
        int calls = 0;
        bool hadCalls = AddContents(candidate, contents, response.ResponseId, ref calls);
        var result = new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = response.ResponseId })
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelVersion ?? model,
            Usage = response.Usage is GeminiUsage usage ? ToUsage(usage) : null,
            RawRepresentation = response,
            AdditionalProperties = Properties(info, requestId),
        };
        if (candidate.FinishReason is string raw)
        {
            result.FinishReason = GeminiFinishReasons.Map(raw, hadCalls);
            AddFinishDetails(result.AdditionalProperties, candidate);
        }

        return result;
    }

    /// <summary>Records the raw finish reason, the finish message and (for a filtered answer) the categories.</summary>
    public static void AddFinishDetails(AdditionalPropertiesDictionary properties, GeminiCandidate candidate)
    {
        if (candidate.FinishReason is not string raw)
        {
            return;
        }

        properties[AiResponseProperties.RawFinishReason] = raw;
        if (candidate.FinishMessage is string message)
        {
            properties[FinishMessageKey] = message;
        }

        if (GeminiFinishReasons.IsFilter(raw))
        {
            properties[AiResponseProperties.FilteredCategories] = candidate.Categories ?? [];
        }
    }

    /// <summary>Creates the properties every answer carries: provider and request id.</summary>
    public static AdditionalPropertiesDictionary Properties(ProviderInfo info, string? requestId)
    {
        var properties = new AdditionalPropertiesDictionary { [AiResponseProperties.Provider] = info.Name };
        if (requestId is not null)
        {
            properties[AiResponseProperties.RequestId] = requestId;
        }

        return properties;
    }

    /// <summary>Builds the error for a prompt Gemini refused to answer (<c>promptFeedback.blockReason</c>).</summary>
    public static AiException PromptBlocked(GeminiResponse response, string? requestId, ProviderInfo info)
    {
        string[] categories = response.PromptCategories ?? [];
        string categoryText = categories.Length > 0 ? $" Categories: {string.Join(", ", categories)}." : string.Empty;
        string detail = string.IsNullOrWhiteSpace(response.BlockReasonMessage) ? string.Empty : " " + response.BlockReasonMessage.TrimEnd('.') + ".";
        var exception = new AiException(
            AiErrorKind.ContentFiltered,
            $"{info.DisplayName} blocked the prompt ({response.BlockReason}).{detail}{categoryText} Rephrase the request or adjust safety_settings; sending it unchanged will be blocked again.")
        {
            Provider = info.Name,
            ErrorCode = response.BlockReason,
            ProviderMessage = response.BlockReasonMessage,
            RequestId = requestId,
            IsRetryable = false,
        };
        exception.Data[AiResponseProperties.FilteredCategories] = categories;
        return exception;
    }

    private static FunctionCallContent ToFunctionCall(GeminiFunctionCall call, GeminiPart part, string? signature, string? responseId, int index)
    {
        string id = string.IsNullOrEmpty(call.Id)
            ? string.Concat(SyntheticIdPrefix, responseId ?? "gemini", "-", index.ToString(CultureInfo.InvariantCulture))
            : call.Id;
        Dictionary<string, object?>? arguments = null;
        Exception? error = null;
        if (call.Args is JsonElement args)
        {
            if (args.ValueKind == JsonValueKind.Object)
            {
                arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (JsonProperty property in args.EnumerateObject())
                {
                    arguments[property.Name] = property.Value;
                }
            }
            else if (args.ValueKind != JsonValueKind.Null)
            {
                error = new FormatException($"Gemini sent functionCall.args as {args.ValueKind}, not an object.");
            }
        }

        var content = new FunctionCallContent(id, call.Name, arguments ?? (error is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : null))
        {
            RawRepresentation = part,
            Exception = error,
        };
        if (signature is not null)
        {
            (content.AdditionalProperties ??= [])[ThoughtSignatureKey] = signature;
        }

        return content;
    }

    private static byte[] DecodeBase64(string data)
    {
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException ex)
        {
            throw new JsonException("Gemini sent inlineData that is not base64.", ex);
        }
    }
}
