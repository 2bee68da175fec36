// Licensed under the MIT License.

using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiOps.Gateway;

/// <summary>Shared JSON settings: the writer options every response uses.</summary>
internal static class GatewayJson
{
    /// <summary>Writes JSON as the providers do: compact, non-ASCII unescaped (the responses are JSON, never HTML).</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Reader limits for request bodies.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };
}
