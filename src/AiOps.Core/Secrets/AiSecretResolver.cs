// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace AiOps;

/// <summary>Resolves secret references (literal, <c>env:NAME</c>, Key Vault) to values, caching Key Vault reads.</summary>
/// <remarks>
/// <para>Key Vault secrets are read with <see cref="SecretClient"/> and a <see cref="TokenCredential"/>
/// (<see cref="DefaultAzureCredential"/> unless one is given: managed identity in Azure, the developer's login locally).
/// A value is cached for the TTL; <see cref="Invalidate"/> drops it so the next call reads it again (AiOps does this once after a 401).</para>
/// <para>This type is thread-safe. Values never appear in messages or <see cref="object.ToString"/>.</para>
/// </remarks>
public sealed class AiSecretResolver
{
    private readonly ConcurrentDictionary<string, CachedSecret> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Uri, SecretClient> _clients = new();
    private readonly Lazy<TokenCredential> _credential;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _ttl;
    private readonly SecretClientOptions? _clientOptions;

    /// <summary>Initializes a new instance of the <see cref="AiSecretResolver"/> class.</summary>
    /// <param name="credential">The credential for Key Vault; <see langword="null"/> uses <see cref="DefaultAzureCredential"/>, created on first use.</param>
    /// <param name="ttl">How long a Key Vault value is cached. The default is 5 minutes.</param>
    /// <param name="timeProvider">The clock for the cache. The default is <see cref="TimeProvider.System"/>.</param>
    /// <param name="clientOptions">Options for the <see cref="SecretClient"/> (transport, retries); <see langword="null"/> uses the defaults.</param>
    public AiSecretResolver(TokenCredential? credential = null, TimeSpan? ttl = null, TimeProvider? timeProvider = null, SecretClientOptions? clientOptions = null)
    {
        _credential = new Lazy<TokenCredential>(() => credential ?? new DefaultAzureCredential(), LazyThreadSafetyMode.ExecutionAndPublication);
        _ttl = ttl ?? TimeSpan.FromMinutes(5);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _clientOptions = clientOptions;
    }

    /// <summary>Gets whether a value is a Key Vault reference (and so may change when rotated).</summary>
    /// <param name="reference">The configured value.</param>
    /// <returns><see langword="true"/> for <c>@Microsoft.KeyVault(…)</c> and <c>kv://</c> values.</returns>
    public static bool IsKeyVaultReference(string? reference) => SecretReference.IsKeyVault(reference);

    /// <summary>Resolves a reference to its value.</summary>
    /// <param name="reference">A literal, <c>env:NAME</c>, or a Key Vault reference; <see langword="null"/> yields <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the Key Vault read.</param>
    /// <returns>The secret's value, or <see langword="null"/> when the reference is null or names an unset variable.</returns>
    /// <exception cref="AiException">The reference is malformed or Key Vault refused to give the secret.</exception>
    public async ValueTask<string?> ResolveAsync(string? reference, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        SecretReference parsed = SecretReference.Parse(reference);
        switch (parsed.Kind)
        {
            case SecretSourceKind.Literal:
                return reference;
            case SecretSourceKind.Environment:
                return Environment.GetEnvironmentVariable(parsed.Value) is { Length: > 0 } v ? v : null;
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(reference, out CachedSecret cached) && cached.ExpiresAt > now)
        {
            return cached.Value;
        }

        SecretClient client = _clients.GetOrAdd(parsed.VaultUri!, uri => new SecretClient(uri, _credential.Value, _clientOptions ?? new SecretClientOptions()));
        try
        {
            Response<KeyVaultSecret> secret = await client.GetSecretAsync(parsed.SecretName!, parsed.Version, cancellationToken).ConfigureAwait(false);
            string value = secret.Value.Value;
            _cache[reference] = new CachedSecret(value, now + _ttl);
            return value;
        }
        catch (RequestFailedException ex)
        {
            string fix = ex.Status switch
            {
                401 or 403 => " Give the identity the 'Key Vault Secrets User' role on the vault.",
                404 => " Check the vault and secret names; create the secret or fix the reference.",
                _ => string.Empty,
            };
            throw new AiException(AiErrorKind.InvalidConfiguration, $"Could not read {parsed.Describe()}: HTTP {ex.Status} {ex.ErrorCode}.{fix}", ex)
            {
                StatusCode = ex.Status,
                ErrorCode = ex.ErrorCode,
            };
        }
        catch (AuthenticationFailedException ex)
        {
            throw new AiException(
                AiErrorKind.InvalidConfiguration,
                $"Could not get a token to read {parsed.Describe()}. Sign in (az login), or give the app a managed identity (set AZURE_CLIENT_ID for a user-assigned one).",
                ex);
        }
    }

    /// <summary>Drops a cached Key Vault value so the next <see cref="ResolveAsync"/> reads it again (after a rotation).</summary>
    /// <param name="reference">The reference whose value to forget.</param>
    public void Invalidate(string? reference)
    {
        if (reference is not null)
        {
            _ = _cache.TryRemove(reference, out _);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"AiSecretResolver ({_cache.Count} cached)";

    private readonly record struct CachedSecret(string Value, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => "***";
    }
}
