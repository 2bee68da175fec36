// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiOps;

/// <summary>Retries failed chat calls (Polly v8): retryable errors only, server hints first, exponential backoff with jitter otherwise.</summary>
/// <remarks>
/// <para>Retried: 408, 409, 429 (not quota), 500, 502, 503, 504, 529, connection failures and timeouts, with the server's
/// <c>x-should-retry</c> overriding either way; never cancellation, <see cref="AiErrorKind.CircuitOpen"/> or a refused budget.
/// See <see cref="AiRetryOptions"/> for the delays and the cap.</para>
/// <para>A stream is retried only until its first update; after that a failure reaches the caller. The number of attempts is set in
/// <see cref="AiResponseProperties.Attempts"/> on the response (on the first update of a stream). Each retry is logged at Warning.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class RetryChatClient : DelegatingChatClient
{
    private readonly RetryEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="RetryChatClient"/> class.</summary>
    /// <param name="innerClient">The client to retry.</param>
    /// <param name="options">The retry settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock for the delays. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Where retries are logged.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public RetryChatClient(IChatClient innerClient, AiRetryOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
        : base(innerClient)
    {
        _engine = new RetryEngine(options ?? new AiRetryOptions(), ProviderNames.Of(innerClient), "chat", timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
    }

    /// <summary>Gets the retry settings.</summary>
    public AiRetryOptions Options => _engine.Options;

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        (ChatResponse response, int attempts) = await _engine.ExecuteAsync(
            static async (s, ct) => await s.Client.InnerClient.GetResponseAsync(s.Messages, s.Options, ct),
            new CallState(this, messages as IReadOnlyList<ChatMessage> ?? [.. messages], options),
            cancellationToken);
        ResponseAnnotations.Set(response, AiResponseProperties.Attempts, attempts);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _ = Throw.IfNull(messages);
        (PrimedStream stream, int attempts) = await _engine.ExecuteAsync(
            static (s, ct) => PrimedStream.OpenAsync(s.Client.InnerClient.GetStreamingResponseAsync(s.Messages, s.Options, ct), ct),
            new CallState(this, messages as IReadOnlyList<ChatMessage> ?? [.. messages], options),
            cancellationToken);
        await using (stream)
        {
            if (stream.First is not ChatResponseUpdate first)
            {
                yield break;
            }

            ResponseAnnotations.Set(first, AiResponseProperties.Attempts, attempts);
            yield return first;
            while (await stream.Enumerator.MoveNextAsync())
            {
                yield return stream.Enumerator.Current;
            }
        }
    }

    private sealed record CallState(RetryChatClient Client, IEnumerable<ChatMessage> Messages, ChatOptions? Options);
}
