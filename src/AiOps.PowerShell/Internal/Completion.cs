// Licensed under the MIT License.

using System;
using System.Runtime.CompilerServices;

namespace AiOps.PowerShell;

/// <summary>Completion data from the engine; failures yield no suggestions rather than an error at the prompt.</summary>
internal static class Completion
{
    public static string Unquote(string? word) => (word ?? string.Empty).Trim('\'', '"');

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string[] ProviderNames()
    {
        try
        {
            return Engine.ProviderCatalog.ProviderNames();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string[] Models(string? provider, bool embeddings)
    {
        try
        {
            return Engine.ProviderCatalog.SuggestModels(provider, embeddings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [];
        }
    }
}
