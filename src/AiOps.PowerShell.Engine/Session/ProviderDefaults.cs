// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.PowerShell.Engine;

/// <summary>The session defaults of one provider.</summary>
internal sealed class ProviderDefaults
{
    public string? Model { get; set; }

    public string? EmbeddingModel { get; set; }

    public string? ApiKey { get; set; }

    public Uri? BaseUri { get; set; }

    public string? ApiVersion { get; set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names()
    {
        if (Model is not null)
        {
            yield return "Model";
        }

        if (EmbeddingModel is not null)
        {
            yield return "EmbeddingModel";
        }

        if (ApiKey is not null)
        {
            yield return "ApiKey";
        }

        if (BaseUri is not null)
        {
            yield return "BaseUri";
        }

        if (ApiVersion is not null)
        {
            yield return "ApiVersion";
        }

        if (Headers.Count > 0)
        {
            yield return "Headers";
        }
    }
}
