// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps;

/// <summary>Reads a provider's SSE body with <see cref="SseParser"/>, turning cuts and malformed frames into
/// <see cref="AiErrorKind.StreamInterrupted"/> instead of a silent end.</summary>
internal static class ProviderSseReader
{
    /// <summary>Enumerates the events of <paramref name="response"/>, disposing it at the end.</summary>
    /// <typeparam name="T">The parsed event payload.</typeparam>
    /// <param name="response">A successful response whose body is <c>text/event-stream</c>.</param>
    /// <param name="parser">Parses one event's data (UTF-8) with its event type. It may throw <see cref="JsonException"/>.</param>
    /// <param name="info">The provider, for messages.</param>
    /// <param name="cancellationToken">Cancels the read (and the HTTP call).</param>
    public static async IAsyncEnumerable<SseItem<T>> ReadAsync<T>(
        HttpResponseMessage response,
        SseItemParser<T> parser,
        ProviderInfo info,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            Stream stream;
            try
            {
                stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw Interrupted(info, response, "the connection failed before the first event", ex);
            }

            await using (stream.ConfigureAwait(false))
            {
                IAsyncEnumerator<SseItem<T>> events = SseParser.Create(stream, parser).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        bool more;
                        try
                        {
                            more = await events.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (JsonException ex)
                        {
                            throw Interrupted(info, response, $"a malformed event arrived ({ex.Message})", ex);
                        }
                        catch (Exception ex) when (ex is IOException or HttpRequestException)
                        {
                            throw Interrupted(info, response, "the connection was cut", ex);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            throw Interrupted(info, response, "the read was aborted", null);
                        }

                        if (!more)
                        {
                            yield break;
                        }

                        yield return events.Current;
                    }
                }
                finally
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Builds the error for a stream that ended before its terminator (OpenAI <c>[DONE]</c>, Anthropic <c>message_stop</c>).</summary>
    public static AiException EndedEarly(ProviderInfo info, string? requestId, string terminator) =>
        new(AiErrorKind.StreamInterrupted,
            $"The stream from {info.DisplayName} ended before {terminator}; the answer is incomplete and was not returned as a success. Send the request again.")
        {
            Provider = info.Name,
            RequestId = requestId,
            IsRetryable = true,
        };

    /// <summary>Builds the error for a stream that failed while being read.</summary>
    public static AiException Interrupted(ProviderInfo info, HttpResponseMessage response, string what, Exception? inner) =>
        new(AiErrorKind.StreamInterrupted,
            $"The stream from {info.DisplayName} was interrupted: {what}. The partial answer is incomplete; send the request again.",
            inner)
        {
            Provider = info.Name,
            RequestId = ProviderErrorMapper.RequestId(response),
            IsRetryable = true,
        };
}
