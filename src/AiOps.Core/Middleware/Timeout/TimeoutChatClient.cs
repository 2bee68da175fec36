// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Bounds chat calls in time: a call until it returns, a stream until its first update and then every gap between updates.</summary>
/// <remarks>
/// <para>The default pipeline has two: the attempt timeout (<c>AI_TIMEOUT</c>, with <c>AI_STREAM_IDLE_TIMEOUT</c>) inside the retry
/// layer, and the total timeout (<c>AI_TOTAL_TIMEOUT</c>) outside it. A call that runs out of time fails with
/// <see cref="AiErrorKind.Timeout"/>; a stream that goes quiet fails with <see cref="AiErrorKind.StreamInterrupted"/>. Cancellation by
/// the caller stays an <see cref="OperationCanceledException"/>.</para>
/// <para>Calls use Polly's timeout strategy. A stream outlives any callback, so it gets its own token and a <see cref="TimeProvider"/>
/// timer that is re-armed after every update. Time comes from the <see cref="TimeProvider"/>. This type is thread-safe.</para>
/// </remarks>
public sealed class TimeoutChatClient : DelegatingChatClient
{
    private readonly TimeoutEngine _engine;

    /// <summary>Initializes a new instance of the <see cref="TimeoutChatClient"/> class.</summary>
    /// <param name="innerClient">The client to bound.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock. The default is <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public TimeoutChatClient(IChatClient innerClient, AiTimeoutOptions? options = null, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        _engine = new TimeoutEngine(options ?? new AiTimeoutOptions(), ProviderNames.Of(innerClient), timeProvider ?? TimeProvider.System);
    }

    /// <summary>Gets the limits.</summary>
    public AiTimeoutOptions Options => _engine.Options;

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await _engine.ExecuteAsync(
            static async (s, ct) => await s.Client.InnerClient.GetResponseAsync(s.Messages, s.Options, ct),
            (Client: this, Messages: messages, Options: options),
            cancellationToken);

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = new StreamDeadline(_engine.TimeProvider, cancellationToken, _engine.Options.Timeout);
        PrimedStream stream;
        try
        {
            stream = await PrimedStream.OpenAsync(base.GetStreamingResponseAsync(messages, options, deadline.Token), deadline.Token);
        }
        catch (OperationCanceledException ex) when (deadline.Fired && !cancellationToken.IsCancellationRequested)
        {
            throw _engine.TimedOut(ex);
        }

        await using (stream)
        {
            if (stream.First is not ChatResponseUpdate first)
            {
                yield break;
            }

            TimeSpan idle = _engine.Options.StreamIdleTimeout;
            deadline.Rearm(TimeSpan.Zero);
            yield return first;
            while (true)
            {
                deadline.Rearm(idle);
                try
                {
                    if (!await stream.Enumerator.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex) when (deadline.Fired && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or AiException { Kind: AiErrorKind.StreamInterrupted })
                {
                    throw _engine.Idle();
                }

                // The caller's time between updates is not the provider's silence.
                deadline.Rearm(TimeSpan.Zero);
                yield return stream.Enumerator.Current;
            }
        }
    }
}
