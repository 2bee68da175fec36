// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Middleware.Tests;

/// <summary>The test-only OpenAI chat client (see <see cref="SimOpenAIProvider"/>): text in, text out, usage, streaming with include_usage.</summary>
internal sealed class SimOpenAIChatClient : IChatClient
{
    private readonly AiProviderContext _context;
    private readonly ProviderHttpSender _sender;

    public SimOpenAIChatClient(AiProviderContext context)
    {
        _context = context;
        _sender = new ProviderHttpSender(context, new ApiKeyHeaderAuth(context, "Authorization"));
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        byte[] body = Body(messages, options, stream: false);
        (JsonElement json, HttpResponseMessage response) = await _sender.SendJsonAsync(() => Request(body), SimJsonContext.Default.JsonElement, cancellationToken);
        using (response)
        {
            JsonElement choice = json.GetProperty("choices")[0];
            var result = new ChatResponse(new ChatMessage(ChatRole.Assistant, choice.GetProperty("message").GetProperty("content").GetString()))
            {
                ModelId = json.GetProperty("model").GetString(),
                ResponseId = json.GetProperty("id").GetString(),
                FinishReason = new ChatFinishReason(choice.GetProperty("finish_reason").GetString()!),
                Usage = Usage(json.GetProperty("usage")),
                AdditionalProperties = new() { [AiResponseProperties.RequestId] = ProviderErrorMapper.RequestId(response) },
            };
            return result;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] body = Body(messages, options, stream: true);
        HttpResponseMessage response = await _sender.SendStreamingAsync(() => Request(body), cancellationToken);
        string? requestId = ProviderErrorMapper.RequestId(response);
        bool done = false;
        await foreach (SseItem<string> item in ProviderSseReader.ReadAsync(response, static (_, data) => Encoding.UTF8.GetString(data), _sender.Info, cancellationToken))
        {
            if (item.Data == "[DONE]")
            {
                done = true;
                break;
            }

            using JsonDocument doc = JsonDocument.Parse(item.Data);
            JsonElement root = doc.RootElement;
            if (root.TryGetProperty("error", out _))
            {
                throw ProviderErrorMapper.FromStreamError(_sender.Info, item.Data, requestId, null);
            }

            var update = new ChatResponseUpdate { Role = ChatRole.Assistant, ModelId = root.GetProperty("model").GetString(), ResponseId = root.GetProperty("id").GetString() };
            if (root.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0)
            {
                JsonElement choice = choices[0];
                if (choice.GetProperty("delta").TryGetProperty("content", out JsonElement content) && content.GetString() is { Length: > 0 } text)
                {
                    update.Contents.Add(new TextContent(text));
                }

                if (choice.GetProperty("finish_reason").GetString() is string finish)
                {
                    update.FinishReason = new ChatFinishReason(finish);
                }
            }

            if (root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object)
            {
                update.Contents.Add(new UsageContent(Usage(usage)));
            }

            yield return update;
        }

        if (!done)
        {
            throw ProviderSseReader.EndedEarly(_sender.Info, requestId, "data: [DONE]");
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(_context.Provider.Id.Value, _context.BaseUrl, "sim-text") :
        serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    internal static UsageDetails Usage(JsonElement usage) => new()
    {
        InputTokenCount = usage.GetProperty("prompt_tokens").GetInt64(),
        OutputTokenCount = usage.TryGetProperty("completion_tokens", out JsonElement c) ? c.GetInt64() : 0,
        TotalTokenCount = usage.GetProperty("total_tokens").GetInt64(),
        CachedInputTokenCount = usage.TryGetProperty("prompt_tokens_details", out JsonElement p) ? p.GetProperty("cached_tokens").GetInt64() : null,
        ReasoningTokenCount = usage.TryGetProperty("completion_tokens_details", out JsonElement d) ? d.GetProperty("reasoning_tokens").GetInt64() : null,
    };

    private HttpRequestMessage Request(byte[] body) =>
        new(HttpMethod.Post, new Uri(_context.BaseUrl!, "chat/completions")) { Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } } };

    private static byte[] Body(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("model", options?.ModelId ?? "sim-text");
            w.WriteStartArray("messages");
            foreach (ChatMessage m in messages)
            {
                w.WriteStartObject();
                w.WriteString("role", m.Role.Value);
                w.WriteString("content", m.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (options?.MaxOutputTokens is int max)
            {
                w.WriteNumber("max_completion_tokens", max);
            }

            if (options?.AdditionalProperties is { } extra)
            {
                foreach (KeyValuePair<string, object?> pair in extra)
                {
                    // Like a real provider, forward extra options verbatim: the pipeline must strip aiops.* keys before this point.
                    w.WriteString(pair.Key, pair.Value?.ToString());
                }
            }

            if (stream)
            {
                w.WriteBoolean("stream", true);
                w.WriteStartObject("stream_options");
                w.WriteBoolean("include_usage", true);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
