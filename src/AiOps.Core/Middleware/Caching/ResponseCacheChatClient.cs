// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace AiOps;

/// <summary>An exact-match response cache over <see cref="IDistributedCache"/>: the same request (partition, model, messages and options)
/// gets the same answer without calling the provider again.</summary>
/// <remarks>
/// <para>Opt-in: per client (<see cref="AiResponseCacheOptions.Enabled"/>, <c>AI_CACHE</c>) or per call (<see cref="AiRequestProperties.Cache"/>
/// in <c>ChatOptions.AdditionalProperties</c>, which wins). The key is a SHA-256 of the request serialized as JSON, without the
/// <c>aiops.*</c> options (which this layer removes before the provider sees them).</para>
/// <para>Errors, content-filtered answers, and streams that failed or were not read to the end are never stored. A streamed call and a
/// plain call share entries: a cached answer to a streaming call replays as a stream. A cached answer carries
/// <see cref="AiResponseProperties.CacheHit"/> = <see langword="true"/> (on the first update of a stream) and counts in the
/// <c>aiops.client.cache.hits</c> metric. A failing store (for example Redis being down) makes calls miss; it never fails them.</para>
/// <para>This type is thread-safe when the store is.</para>
/// </remarks>
public sealed class ResponseCacheChatClient : DelegatingChatClient
{
    private const string KeyVersion = "aiops-response-cache-v1";
    private readonly IDistributedCache _store;
    private readonly string _provider;
    private readonly DistributedCacheEntryOptions _entryOptions;

    /// <summary>Initializes a new instance of the <see cref="ResponseCacheChatClient"/> class.</summary>
    /// <param name="innerClient">The client whose answers are cached.</param>
    /// <param name="store">Where answers are kept.</param>
    /// <param name="options">The settings; <see langword="null"/> for the defaults (off unless a call opts in).</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public ResponseCacheChatClient(IChatClient innerClient, IDistributedCache store, AiResponseCacheOptions? options = null)
        : base(innerClient)
    {
        _store = Throw.IfNull(store);
        Options = options ?? new AiResponseCacheOptions();
        _provider = ProviderNames.Of(innerClient);
        _entryOptions = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Options.Ttl };
    }

    /// <summary>Gets the settings.</summary>
    public AiResponseCacheOptions Options { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        bool enabled = ResponseAnnotations.GetBool(options?.AdditionalProperties, AiRequestProperties.Cache) ?? Options.Enabled;
        ChatOptions? forward = WithoutAiOpsKeys(options);
        if (!enabled)
        {
            return await base.GetResponseAsync(messages, forward, cancellationToken);
        }

        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        string? key = KeyFor(list, forward);
        if (key is not null && await ReadAsync(key, cancellationToken) is ChatResponse cached)
        {
            Hit(forward);
            ResponseAnnotations.Set(cached, AiResponseProperties.CacheHit, true);
            return cached;
        }

        Miss(forward);
        ChatResponse response = await base.GetResponseAsync(list, forward, cancellationToken);
        if (key is not null && IsCacheable(response))
        {
            await WriteAsync(key, response, cancellationToken);
        }

        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        bool enabled = ResponseAnnotations.GetBool(options?.AdditionalProperties, AiRequestProperties.Cache) ?? Options.Enabled;
        ChatOptions? forward = WithoutAiOpsKeys(options);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        string? key = enabled ? KeyFor(list, forward) : null;
        if (key is not null && await ReadAsync(key, cancellationToken) is ChatResponse cached)
        {
            Hit(forward);
            bool first = true;
            foreach (ChatResponseUpdate update in cached.ToChatResponseUpdates())
            {
                if (first)
                {
                    ResponseAnnotations.Set(update, AiResponseProperties.CacheHit, true);
                    first = false;
                }

                yield return update;
            }

            yield break;
        }

        if (key is null)
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(list, forward, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        Miss(forward);
        var captured = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(list, forward, cancellationToken))
        {
            captured.Add(update);
            yield return update;
        }

        // Only reached when the stream ended normally and the caller read it to the end.
        ChatResponse complete = captured.ToChatResponse();
        if (IsCacheable(complete))
        {
            await WriteAsync(key, complete, cancellationToken);
        }
    }

    /// <summary>Returns <paramref name="options"/> without its <c>aiops.*</c> keys (a copy only when it has some).</summary>
    internal static ChatOptions? WithoutAiOpsKeys(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { Count: > 0 } properties)
        {
            return options;
        }

        bool any = false;
        foreach (string key in properties.Keys)
        {
            if (key.StartsWith("aiops.", StringComparison.Ordinal))
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return options;
        }

        ChatOptions copy = options.Clone();
        var kept = new AdditionalPropertiesDictionary();
        foreach (KeyValuePair<string, object?> pair in properties)
        {
            if (!pair.Key.StartsWith("aiops.", StringComparison.Ordinal))
            {
                kept[pair.Key] = pair.Value;
            }
        }

        copy.AdditionalProperties = kept.Count > 0 ? kept : null;
        return copy;
    }

    private static bool IsCacheable(ChatResponse response) =>
        response.FinishReason != ChatFinishReason.ContentFilter && response.Messages.Count > 0;

    private string? KeyFor(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        try
        {
            return AIJsonUtilities.HashDataToString([KeyVersion, Options.Partition, messages, options], AIJsonUtilities.DefaultOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Options that cannot be serialized (for example a custom tool type) make the call uncacheable, not failing.
            return null;
        }
    }

    private async Task<ChatResponse?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        byte[]? bytes;
        try
        {
            bytes = await _store.GetAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }

        if (bytes is null)
        {
            return null;
        }

        try
        {
            var response = (ChatResponse?)JsonSerializer.Deserialize(bytes, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse)));
            _ = response?.AdditionalProperties?.Remove(AiResponseProperties.Attempts);
            return response;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task WriteAsync(string key, ChatResponse response, CancellationToken cancellationToken)
    {
        try
        {
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(response, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatResponse)));
            await _store.SetAsync(key, bytes, _entryOptions, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A store that cannot take the entry costs a future hit, never this answer.
        }
    }

    private void Hit(ChatOptions? options)
    {
        AiOpsTelemetry.CacheHits.Add(1, AiOpsTelemetry.Tag("gen_ai.provider.name", _provider), AiOpsTelemetry.Tag("gen_ai.request.model", options?.ModelId));
        _ = Activity.Current?.SetTag("aiops.cache_hit", true);
    }

    private void Miss(ChatOptions? options)
    {
        AiOpsTelemetry.CacheMisses.Add(1, AiOpsTelemetry.Tag("gen_ai.provider.name", _provider), AiOpsTelemetry.Tag("gen_ai.request.model", options?.ModelId));
        _ = Activity.Current?.SetTag("aiops.cache_hit", false);
    }
}
