// Licensed under the MIT License.

using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps;

/// <summary>Sends the provider key in a header: <c>Authorization: Bearer</c>, <c>x-api-key</c>, <c>api-key</c> or <c>x-goog-api-key</c>.</summary>
internal sealed class ApiKeyHeaderAuth : ProviderAuth
{
    private readonly AiProviderContext _context;
    private readonly string _headerName;
    private readonly bool _bearer;
    private readonly bool _required;
    private string? _lastKey;

    /// <summary>Initializes a new instance of the <see cref="ApiKeyHeaderAuth"/> class.</summary>
    /// <param name="context">The provider context (settings and secrets).</param>
    /// <param name="headerName">The header; <c>Authorization</c> sends <c>Bearer &lt;key&gt;</c>.</param>
    /// <param name="required">Whether a missing key is an error (false for local servers such as Ollama).</param>
    public ApiKeyHeaderAuth(AiProviderContext context, string headerName, bool required = true)
    {
        _context = context;
        _headerName = headerName;
        _bearer = string.Equals(headerName, "Authorization", System.StringComparison.OrdinalIgnoreCase);
        _required = required;
    }

    /// <inheritdoc/>
    public override string? SecretToRedact => _lastKey;

    /// <inheritdoc/>
    public override async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? key = await _context.GetApiKeyAsync(cancellationToken).ConfigureAwait(false);
        _lastKey = key;
        if (string.IsNullOrEmpty(key))
        {
            if (_required)
            {
                throw _context.MissingApiKey();
            }

            return;
        }

        if (_bearer)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            _ = request.Headers.TryAddWithoutValidation(_headerName, key);
        }
    }

    /// <inheritdoc/>
    public override bool TryRefresh()
    {
        if (!AiSecretResolver.IsKeyVaultReference(_context.Settings.ApiKey))
        {
            return false;
        }

        _context.Secrets.Invalidate(_context.Settings.ApiKey);
        return true;
    }
}
