// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace AiOps.Simulator;

/// <summary>Sends a response whose chunked body stops in the middle, the way a dropped connection looks to the client: the status,
/// the headers and every byte before the cut arrive, then the connection ends without the chunked terminator.</summary>
/// <remarks><para><c>HttpContext.Abort()</c> after writing resets the socket, and a reset that overtakes data the client has not read
/// yet discards it: the client may then fail before it sees even the headers, depending on timing. Here the response is written
/// straight to the socket (nothing goes through Kestrel's buffers), the send side is shut down so a FIN follows the data in order,
/// and the handler waits for the client to hang up before aborting. The outcome does not depend on timing.</para>
/// <para>Call it before anything of the response has been written through Kestrel.</para></remarks>
public static class StreamCut
{
    /// <summary>Writes the status line, <c>context.Response.Headers</c> and <paramref name="body"/> as one chunk, then ends the connection.</summary>
    public static async Task SendThenCutAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        Socket? socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is null)
        {
            context.Abort();
            return;
        }

        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}\r\n");
        head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("Transfer-Encoding: chunked\r\n");
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in context.Response.Headers)
        {
            if (header.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string? value in header.Value)
            {
                head.Append(header.Key).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("\r\n");
        if (body.Length > 0)
        {
            head.Append(body.Length.ToString("x", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(head.ToString()), SocketFlags.None, context.RequestAborted);
            if (body.Length > 0)
            {
                await socket.SendAsync(body, SocketFlags.None, context.RequestAborted);
                await socket.SendAsync("\r\n"u8.ToArray(), SocketFlags.None, context.RequestAborted);
            }

            socket.Shutdown(SocketShutdown.Send);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            await Task.Delay(Timeout.Infinite, limit.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client hung up (or the socket is already gone): the cut is complete.
        }
        finally
        {
            context.Abort();
        }
    }
}
