// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Checks and normalises a configured base URL when a client is created, so a malformed one fails before any call.</summary>
internal static class OpenAIBaseUrl
{
    /// <summary>Returns the URL without a trailing slash, or throws <see cref="AiErrorKind.InvalidConfiguration"/> naming
    /// <paramref name="setting"/> when it is not an absolute http(s) URL.</summary>
    /// <param name="url">The configured URL, or <see langword="null"/>.</param>
    /// <param name="setting">The setting that holds it, for the message.</param>
    /// <param name="info">The provider.</param>
    /// <returns>The normalised URL, or <see langword="null"/> when none was configured.</returns>
    public static Uri? Normalize(Uri? url, string setting, ProviderInfo info)
    {
        if (url is null)
        {
            return null;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(url.Host))
        {
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"The base URL for {info.DisplayName} ({setting}) is '{Describe(url)}', which is not an absolute http or https URL. Use a URL such as https://api.openai.com/v1.")
            {
                Provider = info.Name,
                Parameter = setting,
            };
        }

        string path = url.AbsolutePath.TrimEnd('/');
        var builder = new UriBuilder(url) { Path = path };
        return builder.Uri;
    }

    /// <summary>Shows a URL without user info or query (either may hold a secret).</summary>
    public static string Describe(Uri url) =>
        url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : url.OriginalString;
}
