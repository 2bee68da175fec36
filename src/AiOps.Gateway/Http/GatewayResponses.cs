// Licensed under the MIT License.

using System;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace AiOps.Gateway;

/// <summary>Writes error bodies and JSON responses.</summary>
internal static class GatewayResponses
{
    /// <summary>Writes an error in OpenAI's shape, with <c>Retry-After</c> when known. Does nothing once the response has started.</summary>
    public static async Task WriteErrorAsync(HttpContext context, GatewayError error, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        HttpResponse response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        if (error.RetryAfter is TimeSpan wait && wait > TimeSpan.Zero)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (error.Status == 401)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        PipeWriter body = response.BodyWriter;
        using (var writer = new Utf8JsonWriter(body, GatewayJson.WriterOptions))
        {
            writer.WriteStartObject();
            WriteErrorObject(writer, error);
            writer.WriteEndObject();
        }

        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <c>"error": {…}</c> (the property and its object) into an open object.</summary>
    public static void WriteErrorObject(Utf8JsonWriter writer, GatewayError error)
    {
        writer.WritePropertyName("error"u8);
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("type"u8, error.Type);
        if (error.Param is null)
        {
            writer.WriteNull("param"u8);
        }
        else
        {
            writer.WriteString("param"u8, error.Param);
        }

        if (error.Code is null)
        {
            writer.WriteNull("code"u8);
        }
        else
        {
            writer.WriteString("code"u8, error.Code);
        }

        writer.WriteEndObject();
    }

    /// <summary>Starts a JSON response and returns a writer over the body; the caller flushes with <see cref="CompleteJsonAsync"/>.</summary>
    public static Utf8JsonWriter BeginJson(HttpContext context, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return new Utf8JsonWriter(context.Response.BodyWriter, GatewayJson.WriterOptions);
    }

    /// <summary>Flushes a JSON writer from <see cref="BeginJson"/> to the client.</summary>
    public static async Task CompleteJsonAsync(HttpContext context, Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        writer.Flush();
        await writer.DisposeAsync().ConfigureAwait(false);
        await context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
