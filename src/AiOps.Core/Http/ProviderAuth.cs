// Licensed under the MIT License.

using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps;

/// <summary>Puts a provider's credentials on a request (a key header, or an Entra ID token).</summary>
internal abstract class ProviderAuth
{
    /// <summary>Adds the credentials. Throws <see cref="AiErrorKind.MissingApiKey"/> when the provider needs a key and has none.</summary>
    public abstract ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>Called after a 401: drops cached credentials. Returns whether a fresh attempt may succeed (the key may have rotated).</summary>
    public abstract bool TryRefresh();

    /// <summary>Gets the key last applied, so it can be scrubbed from provider messages.</summary>
    public abstract string? SecretToRedact { get; }
}
