// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace AiOps;

/// <summary>The fields AiOps reads from any provider's error body (OpenAI, Azure OpenAI, Anthropic, Gemini shapes).</summary>
internal sealed class ProviderErrorBody
{
    /// <summary>Gets the provider's message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets the error type (OpenAI <c>type</c>, Anthropic <c>error.type</c>).</summary>
    public string? Type { get; private set; }

    /// <summary>Gets the error code (OpenAI/Azure <c>code</c>, number or string).</summary>
    public string? Code { get; private set; }

    /// <summary>Gets the parameter the error names (OpenAI <c>param</c>).</summary>
    public string? Param { get; private set; }

    /// <summary>Gets Gemini's <c>status</c> (<c>RESOURCE_EXHAUSTED</c>, <c>INVALID_ARGUMENT</c>, …).</summary>
    public string? Status { get; private set; }

    /// <summary>Gets the inner error code (Azure <c>innererror.code</c>, Gemini <c>ErrorInfo.reason</c>).</summary>
    public string? InnerCode { get; private set; }

    /// <summary>Gets the content-filter categories that were filtered (Azure).</summary>
    public List<string> FilteredCategories { get; } = [];

    /// <summary>Gets Gemini's <c>RetryInfo.retryDelay</c>.</summary>
    public TimeSpan? RetryDelay { get; private set; }

    /// <summary>Gets a value indicating whether a Gemini <c>QuotaFailure</c> names a per-day quota.</summary>
    public bool IsDailyQuota { get; private set; }

    /// <summary>Gets the request id carried in the body (Anthropic's top-level <c>request_id</c>).</summary>
    public string? RequestId { get; private set; }

    /// <summary>Parses a body. Never throws: an unreadable body yields its text (shortened) as the message.</summary>
    public static ProviderErrorBody Parse(string? body)
    {
        var result = new ProviderErrorBody();
        if (string.IsNullOrWhiteSpace(body))
        {
            return result;
        }

        try
        {
            // Gemini stream requests may frame their error as one SSE event ("data: {...}").
            string json = body.TrimStart();
            if (json.StartsWith("data:", StringComparison.Ordinal))
            {
                json = json[5..];
            }

            using var doc = JsonDocument.Parse(json);
            JsonElement root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("request_id", out JsonElement requestId) && requestId.ValueKind == JsonValueKind.String)
                {
                    result.RequestId = requestId.GetString();
                }

                if (root.TryGetProperty("error", out JsonElement error))
                {
                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        result.ReadError(error);
                        if (result.Param is null && root.TryGetProperty("type", out JsonElement rootType) && rootType.ValueKind == JsonValueKind.String &&
                            rootType.ValueEquals("error"))
                        {
                            // Anthropic names the field at the start of the message: "temperature: range: 0..1", "model: claude-x".
                            result.Param = FieldPrefix(result.Message);
                        }
                    }
                    else if (error.ValueKind == JsonValueKind.String)
                    {
                        result.Message = error.GetString();
                    }
                }
                else
                {
                    result.ReadError(root);
                }
            }
        }
        catch (JsonException)
        {
            string text = body.Trim();
            result.Message = text.Length > 300 ? text[..300] + "…" : text;
        }

        return result;
    }

    /// <summary>Returns the field path a message starts with (<c>"messages.1.content: …"</c> → <c>messages.1.content</c>), or
    /// <see langword="null"/> when it starts otherwise.</summary>
    internal static string? FieldPrefix(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetterLower(message[0]))
        {
            return null;
        }

        for (int i = 0; i < colon; i++)
        {
            char c = message[i];
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.'))
            {
                return null;
            }
        }

        return message[..colon];
    }

    private static string? AsText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };

    private void ReadError(JsonElement error)
    {
        bool numericCode = false;
        foreach (JsonProperty p in error.EnumerateObject())
        {
            switch (p.Name)
            {
                case "message": Message = AsText(p.Value); break;
                case "type": Type = AsText(p.Value); break;
                case "code": Code = AsText(p.Value); numericCode = p.Value.ValueKind == JsonValueKind.Number; break;
                case "param": Param = AsText(p.Value); break;
                case "status" when p.Value.ValueKind == JsonValueKind.String: Status = p.Value.GetString(); break;
                case "innererror" or "inner_error" when p.Value.ValueKind == JsonValueKind.Object: ReadInner(p.Value); break;
                case "details" when p.Value.ValueKind == JsonValueKind.Array: ReadDetails(p.Value); break;
                case "details" when p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("error_code", out JsonElement errorCode):
                    // Anthropic: {"details":{"error_code":"enforced_spend_limit_reached"}} on a rate_limit_error.
                    InnerCode = AsText(errorCode);
                    break;
                default: break;
            }
        }

        if (numericCode && Status is not null)
        {
            // Google bodies: "code" repeats the HTTP status; the canonical code (RESOURCE_EXHAUSTED, …) is "status".
            Code = Status;
        }
    }

    private void ReadInner(JsonElement inner)
    {
        if (inner.TryGetProperty("code", out JsonElement code))
        {
            InnerCode = AsText(code);
        }

        if (inner.TryGetProperty("content_filter_result", out JsonElement filters) ||
            inner.TryGetProperty("content_filter_results", out filters))
        {
            ReadFilterCategories(filters, FilteredCategories);
        }
    }

    /// <summary>Adds the names of the categories whose <c>filtered</c> flag is true.</summary>
    public static void ReadFilterCategories(JsonElement filters, List<string> into)
    {
        if (filters.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (JsonProperty category in filters.EnumerateObject())
        {
            if (category.Value.ValueKind == JsonValueKind.Object &&
                category.Value.TryGetProperty("filtered", out JsonElement filtered) &&
                filtered.ValueKind == JsonValueKind.True)
            {
                into.Add(category.Name);
            }
        }
    }

    private void ReadDetails(JsonElement details)
    {
        foreach (JsonElement d in details.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Object || !d.TryGetProperty("@type", out JsonElement t) || t.GetString() is not string type)
            {
                continue;
            }

            if (type.EndsWith("RetryInfo", StringComparison.Ordinal) &&
                d.TryGetProperty("retryDelay", out JsonElement delay) &&
                delay.GetString() is string s && s.EndsWith('s') &&
                double.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                RetryDelay = TimeSpan.FromSeconds(seconds);
            }
            else if (type.EndsWith("BadRequest", StringComparison.Ordinal) && Param is null &&
                     d.TryGetProperty("fieldViolations", out JsonElement violationList) && violationList.ValueKind == JsonValueKind.Array &&
                     violationList.GetArrayLength() > 0 && violationList[0].ValueKind == JsonValueKind.Object &&
                     violationList[0].TryGetProperty("field", out JsonElement field) && field.ValueKind == JsonValueKind.String)
            {
                Param = field.GetString();
            }
            else if (type.EndsWith("ErrorInfo", StringComparison.Ordinal) && d.TryGetProperty("reason", out JsonElement reason))
            {
                InnerCode ??= reason.GetString();
            }
            else if (type.EndsWith("QuotaFailure", StringComparison.Ordinal) && d.TryGetProperty("violations", out JsonElement violations) &&
                     violations.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement v in violations.EnumerateArray())
                {
                    if (v.TryGetProperty("quotaId", out JsonElement q) && q.GetString() is string id &&
                        id.Contains("PerDay", StringComparison.OrdinalIgnoreCase))
                    {
                        IsDailyQuota = true;
                    }
                }
            }
        }
    }
}
