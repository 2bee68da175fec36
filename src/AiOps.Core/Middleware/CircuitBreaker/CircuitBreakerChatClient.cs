// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Fails chat calls fast with <see cref="AiErrorKind.CircuitOpen"/> while the provider endpoint's <see cref="AiCircuitBreaker"/> is open,
/// and reports every attempt's outcome to it.</summary>
/// <remarks>
/// <para>Sits inside the retry layer, so each attempt is a health signal; <see cref="AiErrorKind.CircuitOpen"/> is never retried (a fallback
/// target may take the call). A stream counts as healthy once its first update arrives; a later cut counts as a failure.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class CircuitBreakerChatClient : DelegatingChatClient
{
    /// <summary>Initializes a new instance of the <see cref="CircuitBreakerChatClient"/> class.</summary>
    /// <param name="innerClient">The client to guard.</param>
    /// <param name="breaker">The circuit, shared by every client of the same endpoint.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CircuitBreakerChatClient(IChatClient innerClient, AiCircuitBreaker breaker)
        : base(innerClient)
    {
        Breaker = Throw.IfNull(breaker);
    }

    /// <summary>Gets the circuit.</summary>
    public AiCircuitBreaker Breaker { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        bool probe = Breaker.Enter();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex)
        {
            Breaker.Record(probe, ResilienceClassifier.Health(ex), ex);
            throw;
        }

        Breaker.Record(probe, HealthSignal.Success);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        bool probe = Breaker.Enter();
        PrimedStream stream;
        try
        {
            stream = await PrimedStream.OpenAsync(base.GetStreamingResponseAsync(messages, options, cancellationToken), cancellationToken);
        }
        catch (Exception ex)
        {
            Breaker.Record(probe, ResilienceClassifier.Health(ex), ex);
            throw;
        }

        Breaker.Record(probe, HealthSignal.Success);
        await using (stream)
        {
            if (stream.First is not ChatResponseUpdate first)
            {
                yield break;
            }

            yield return first;
            while (true)
            {
                try
                {
                    if (!await stream.Enumerator.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    Breaker.Record(probe: false, ResilienceClassifier.Health(ex), ex);
                    throw;
                }

                yield return stream.Enumerator.Current;
            }
        }
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(AiCircuitBreaker) ? Breaker : base.GetService(serviceType, serviceKey);
}
