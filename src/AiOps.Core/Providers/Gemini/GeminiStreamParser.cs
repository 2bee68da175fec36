// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>The per-stream SSE item parser: each <c>data:</c> payload is one <c>GenerateContentResponse</c>, read with
/// <see cref="GeminiResponseReader"/> reusing the previous chunk's strings. Empty payloads are skipped.</summary>
/// <remarks>One instance per stream; not thread-safe (the SSE parser calls it sequentially).</remarks>
internal sealed class GeminiStreamParser
{
    private GeminiResponse? _previous;

    /// <summary>Parses one event's data (an <see cref="System.Net.ServerSentEvents.SseItemParser{T}"/>).</summary>
    /// <param name="eventType">The event type (Gemini sends none, so always <c>message</c>).</param>
    /// <param name="data">The UTF-8 payload.</param>
    /// <returns>The chunk, or <see langword="null"/> for an empty payload.</returns>
    public GeminiResponse? Parse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        GeminiResponse response = GeminiResponseReader.Parse(data, _previous);
        _previous = response;
        return response;
    }
}
