// Licensed under the MIT License.

using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AiOps;

/// <summary>Sends an Entra ID bearer token from an Azure.Identity <see cref="TokenCredential"/> (Azure OpenAI without a key).</summary>
internal sealed class TokenCredentialAuth : ProviderAuth
{
    private readonly TokenCredential _credential;
    private readonly string[] _scopes;

    /// <summary>Initializes a new instance of the <see cref="TokenCredentialAuth"/> class.</summary>
    public TokenCredentialAuth(TokenCredential credential, string scope)
    {
        _credential = credential;
        _scopes = [scope];
    }

    /// <inheritdoc/>
    public override string? SecretToRedact => null;

    /// <inheritdoc/>
    public override async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Azure.Identity credentials cache and refresh tokens themselves.
        AccessToken token = await _credential.GetTokenAsync(new TokenRequestContext(_scopes), cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
    }

    /// <inheritdoc/>
    public override bool TryRefresh() => false;
}
