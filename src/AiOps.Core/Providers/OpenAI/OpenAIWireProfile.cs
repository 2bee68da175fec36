// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>Everything that differs between the OpenAI-shaped surfaces: URLs, where the model goes, and a few field choices.
/// Built once per client; immutable and thread-safe.</summary>
internal sealed class OpenAIWireProfile
{
    private readonly Uri? _chatUri;
    private readonly Uri? _embeddingsUri;

    private OpenAIWireProfile(OpenAISurface surface, ProviderInfo info, Uri? baseUri, string? apiVersion)
    {
        Surface = surface;
        Info = info;
        BaseUri = baseUri;
        ApiVersion = apiVersion;
        if (baseUri is not null && surface is OpenAISurface.OpenAI or OpenAISurface.Compatible)
        {
            _chatUri = Append(baseUri, "/chat/completions", query: null);
            _embeddingsUri = Append(baseUri, "/embeddings", query: null);
        }
        else if (baseUri is not null && surface == OpenAISurface.AzureV1)
        {
            _chatUri = Append(baseUri, "/openai/v1/chat/completions", query: null);
            _embeddingsUri = Append(baseUri, "/openai/v1/embeddings", query: null);
        }

        // Azure api-versions before 2024-09-01(-preview) know neither max_completion_tokens nor stream_options;
        // the developer role arrived in 2024-12-01-preview.
        bool legacyAzure = surface == OpenAISurface.AzureDeployments && OpenAIModelRules.IsApiVersionBefore(apiVersion, "2024-09-01");
        MaxTokensField = surface == OpenAISurface.Compatible || legacyAzure ? "max_tokens" : "max_completion_tokens";
        SendsStreamOptions = !legacyAzure;
        AutoDeveloperRole = surface != OpenAISurface.Compatible &&
                            !(surface == OpenAISurface.AzureDeployments && OpenAIModelRules.IsApiVersionBefore(apiVersion, "2024-12-01"));
    }

    /// <summary>Gets the surface.</summary>
    public OpenAISurface Surface { get; }

    /// <summary>Gets what messages say about the provider.</summary>
    public ProviderInfo Info { get; }

    /// <summary>Gets the normalised base URL (no trailing slash): the OpenAI base with <c>/v1</c>, or the Azure resource endpoint;
    /// <see langword="null"/> when none is configured (calls then fail with <see cref="AiErrorKind.InvalidConfiguration"/>).</summary>
    public Uri? BaseUri { get; }

    /// <summary>Gets the Azure <c>api-version</c> of the classic surface.</summary>
    public string? ApiVersion { get; }

    /// <summary>Gets a value indicating whether the body carries <c>model</c> (every surface but Azure's deployments URL).</summary>
    public bool ModelInBody => Surface != OpenAISurface.AzureDeployments;

    /// <summary>Gets the output-cap field: <c>max_completion_tokens</c> (OpenAI, Azure), <c>max_tokens</c> (compatible servers, old Azure versions).</summary>
    public string MaxTokensField { get; }

    /// <summary>Gets a value indicating whether streams ask for <c>stream_options.include_usage</c>.</summary>
    public bool SendsStreamOptions { get; }

    /// <summary>Gets a value indicating whether system prompts become <c>developer</c> messages for o-series and gpt-5 models.</summary>
    public bool AutoDeveloperRole { get; }

    /// <summary>Gets a value indicating whether <c>ChatOptions.TopK</c> is sent as <c>top_k</c> (compatible servers only; OpenAI rejects it).</summary>
    public bool SendsTopK => Surface == OpenAISurface.Compatible;

    /// <summary>Gets a value indicating whether the OpenAI organization and project headers apply.</summary>
    public bool SendsOrganizationHeaders => Surface == OpenAISurface.OpenAI;

    /// <summary>Gets the embeddings <c>encoding_format</c> asked for: <c>base64</c> (smaller, exact) for OpenAI and Azure,
    /// <c>float</c> for compatible servers (not every one knows base64).</summary>
    public string EmbeddingEncoding => Surface == OpenAISurface.Compatible ? "float" : "base64";

    /// <summary>Gets the setting that names the chat model, for fix hints.</summary>
    public string ModelSetting => Surface is OpenAISurface.AzureDeployments or OpenAISurface.AzureV1 ? "AZURE_OPENAI_DEPLOYMENT" : "AI_DEFAULT_MODEL";

    /// <summary>Gets the setting that names the embedding model, for fix hints.</summary>
    public string EmbeddingModelSetting =>
        Surface is OpenAISurface.AzureDeployments or OpenAISurface.AzureV1 ? "AZURE_OPENAI_EMBEDDING_DEPLOYMENT" : "AI_EMBEDDING_MODEL";

    /// <summary>Gets the setting that holds the base URL, for fix hints.</summary>
    public string BaseUrlSetting => Surface switch
    {
        OpenAISurface.AzureDeployments or OpenAISurface.AzureV1 => "AZURE_OPENAI_ENDPOINT",
        OpenAISurface.OpenAI => "OPENAI_BASE_URL",
        _ => Info.Name == "ollama" ? "OLLAMA_HOST" : "AI_BASE_URL",
    };

    /// <summary>Creates the profile of api.openai.com or a server with the same conventions.</summary>
    public static OpenAIWireProfile ForOpenAI(ProviderInfo info, Uri baseUri, OpenAISurface surface = OpenAISurface.OpenAI) =>
        new(surface, info, baseUri, apiVersion: null);

    /// <summary>Creates the profile of an OpenAI-compatible server whose base URL may be missing.</summary>
    public static OpenAIWireProfile ForCompatible(ProviderInfo info, Uri? baseUri) =>
        new(OpenAISurface.Compatible, info, baseUri, apiVersion: null);

    /// <summary>Creates the profile of an Azure OpenAI resource: the deployments URL when an api-version is set, the v1 surface otherwise.</summary>
    public static OpenAIWireProfile ForAzure(ProviderInfo info, Uri? endpoint, string? apiVersion) =>
        string.IsNullOrWhiteSpace(apiVersion)
            ? new(OpenAISurface.AzureV1, info, endpoint, apiVersion: null)
            : new(OpenAISurface.AzureDeployments, info, endpoint, apiVersion.Trim());

    /// <summary>Gets the chat-completions URL for a model or deployment.</summary>
    public Uri ChatUri(string model) => _chatUri ?? DeploymentUri(model, "chat/completions");

    /// <summary>Gets the embeddings URL for a model or deployment.</summary>
    public Uri EmbeddingsUri(string model) => _embeddingsUri ?? DeploymentUri(model, "embeddings");

    /// <summary>Fails with <see cref="AiErrorKind.InvalidConfiguration"/> when no base URL is configured (before anything is sent).</summary>
    public Uri RequireBaseUri() => BaseUri ?? throw new AiException(
        AiErrorKind.InvalidConfiguration,
        Surface is OpenAISurface.AzureDeployments or OpenAISurface.AzureV1
            ? "No Azure OpenAI endpoint is configured. Set AZURE_OPENAI_ENDPOINT (or AI_BASE_URL with AI_PROVIDER=azure-openai) to your resource endpoint, such as https://my-resource.openai.azure.com, or pass -BaseUri."
            : $"No base URL is configured for {Info.DisplayName}. Set {BaseUrlSetting} to the server's OpenAI-compatible base URL (for example http://localhost:8000/v1), or pass -BaseUri.")
    {
        Provider = Info.Name,
        Parameter = BaseUrlSetting,
    };

    /// <summary>Appends a path to a base URL, keeping the base's own path prefix and query (proxies sometimes need one).</summary>
    internal static Uri Append(Uri baseUri, string path, string? query)
    {
        var builder = new UriBuilder(baseUri);
        builder.Path = builder.Path.TrimEnd('/') + path;
        string existing = builder.Query.TrimStart('?');
        builder.Query = query is null ? existing : existing.Length == 0 ? query : existing + "&" + query;
        return builder.Uri;
    }

    private Uri DeploymentUri(string model, string operation) =>
        Append(RequireBaseUri(), $"/openai/deployments/{Uri.EscapeDataString(model)}/{operation}", "api-version=" + Uri.EscapeDataString(ApiVersion ?? string.Empty));
}
