// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Builds Gemini URLs: <c>{base}/v1beta/models/{model}:{action}</c> (wire-formats §4.1). The key never goes in the URL.</summary>
/// <remarks>The base URL is a host (<c>GEMINI_BASE_URL</c> / <c>AI_BASE_URL</c>, default <c>https://generativelanguage.googleapis.com</c>),
/// optionally with a path prefix for a proxy; a base URL that already ends in <c>/v1beta</c> is used as is.</remarks>
internal sealed class GeminiEndpoint
{
    private readonly string _root;

    /// <summary>Initializes a new instance of the <see cref="GeminiEndpoint"/> class.</summary>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidConfiguration"/>: the base URL carries a query or fragment.</exception>
    public GeminiEndpoint(Uri baseUrl, string provider)
    {
        if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            // A "?key=…" base URL would put the key in every URL (and in logs and proxies); it goes in x-goog-api-key instead.
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                "The Gemini base URL (GEMINI_BASE_URL or AI_BASE_URL) must be a host such as https://generativelanguage.googleapis.com, without a query or fragment. Put the key in GEMINI_API_KEY; AiOps sends it in the x-goog-api-key header.")
            {
                Provider = provider,
                Parameter = "GEMINI_BASE_URL",
            };
        }

        string root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _root = root.EndsWith("/v1beta", StringComparison.OrdinalIgnoreCase) ? root : root + "/v1beta";
    }

    /// <summary>Gets the URL of an action on a model (<c>generateContent</c>, <c>streamGenerateContent</c>, <c>embedContent</c>, <c>batchEmbedContents</c>).</summary>
    /// <param name="model">A validated model id (without <c>models/</c>).</param>
    /// <param name="action">The action.</param>
    /// <param name="sse">Whether to add <c>?alt=sse</c>.</param>
    /// <returns>The URL.</returns>
    public Uri For(string model, string action, bool sse = false) =>
        new(string.Concat(_root, "/models/", Uri.EscapeDataString(model), ":", action, sse ? "?alt=sse" : string.Empty));

    /// <summary>Normalises and checks a model id: strips <c>models/</c>, rejects empty ids and ids with characters that would change the URL.</summary>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidRequest"/>.</exception>
    public static string NormalizeModel(string? model, string provider, string parameter)
    {
        string id = model?.Trim() ?? string.Empty;
        if (id.StartsWith("models/", StringComparison.Ordinal))
        {
            id = id[7..];
        }

        if (id.Length == 0 || id.AsSpan().IndexOfAny("/:?#% \t") >= 0)
        {
            throw ChatRequestValidator.Invalid(provider, parameter,
                $"'{model}' is not a Gemini model id. Use an id such as gemini-2.5-flash (with or without the models/ prefix).");
        }

        return id;
    }
}
