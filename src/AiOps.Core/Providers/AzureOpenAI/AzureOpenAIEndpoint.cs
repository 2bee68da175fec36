// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Normalises an Azure OpenAI resource endpoint (<c>AZURE_OPENAI_ENDPOINT</c>): trailing slashes go; a pasted REST URL
/// (anything under <c>/openai/…</c>, or with a query) is rejected with the endpoint to use instead.</summary>
internal static class AzureOpenAIEndpoint
{
    /// <summary>The setting that holds the endpoint.</summary>
    public const string Setting = "AZURE_OPENAI_ENDPOINT";

    /// <summary>Returns the endpoint to build URLs on (scheme, host, port and any gateway path prefix), or <see langword="null"/>.</summary>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidConfiguration"/>: not an http(s) URL, or a full REST URL.</exception>
    public static Uri? Normalize(Uri? endpoint, ProviderInfo info)
    {
        Uri? url = OpenAIBaseUrl.Normalize(endpoint, Setting, info);
        if (url is null)
        {
            return null;
        }

        string path = url.AbsolutePath.TrimEnd('/');
        int openai = IndexOfOpenAISegment(path);
        if (openai >= 0 || url.Query.Length > 1)
        {
            string root = url.GetLeftPart(UriPartial.Authority) + (openai >= 0 ? path[..openai] : path);
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"{Setting} is '{OpenAIBaseUrl.Describe(url)}{(url.Query.Length > 1 ? "?…" : string.Empty)}', a full REST URL. Set it to the resource endpoint {root} " +
                "and let AiOps build the paths: the deployment goes in AZURE_OPENAI_DEPLOYMENT (or -Deployment), and AZURE_OPENAI_API_VERSION selects the dated " +
                "deployments URL (leave it unset for the /openai/v1/ surface).")
            {
                Provider = info.Name,
                Parameter = Setting,
            };
        }

        return url;
    }

    private static int IndexOfOpenAISegment(string path)
    {
        int i = 0;
        while ((i = path.IndexOf("/openai", i, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            int end = i + "/openai".Length;
            if (end == path.Length || path[end] == '/')
            {
                return i;
            }

            i = end;
        }

        return -1;
    }
}
