// Licensed under the MIT License.

namespace AiOps;

/// <summary>What error messages say about a provider.</summary>
/// <param name="Name">The canonical provider id (<c>openai</c>).</param>
/// <param name="DisplayName">The name people know (<c>OpenAI</c>).</param>
/// <param name="ApiKeyVariable">The environment variable that holds its key, for fix hints.</param>
internal sealed record ProviderInfo(string Name, string DisplayName, string? ApiKeyVariable);
