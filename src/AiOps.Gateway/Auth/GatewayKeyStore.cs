// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>Resolves the configured caller keys (literals, <c>env:</c>, Key Vault) and checks presented keys in constant time.</summary>
/// <remarks>
/// <para>Keys are kept only as SHA-256 hashes; a presented key is hashed and compared with every configured hash using
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, without stopping at the first match, so timing reveals neither the key nor which one matched.</para>
/// <para>Values are re-read after the secret cache TTL, and at most once per <see cref="ForcedRefreshInterval"/> when an unknown key is
/// presented, so a key rotated in Key Vault works without a restart.</para>
/// </remarks>
internal sealed partial class GatewayKeyStore
{
    /// <summary>The shortest time between two refreshes caused by unknown keys (bounds the Key Vault traffic an attacker can cause).</summary>
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly GatewayOptions _options;
    private readonly AiSecretResolver _secrets;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private readonly GatewayCaller[] _callers;
    private Entry[] _entries = [];
    private DateTimeOffset _expires = DateTimeOffset.MinValue;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    public GatewayKeyStore(GatewayOptions options, AiSecretResolver secrets, AiOpsOptions aiOptions, TimeProvider time, ILogger<GatewayKeyStore> logger)
    {
        _options = options;
        _secrets = secrets;
        _time = time;
        _ttl = aiOptions.SecretCacheTtl > TimeSpan.Zero ? aiOptions.SecretCacheTtl : TimeSpan.FromMinutes(5);
        _logger = logger;
        _callers = new GatewayCaller[options.Keys.Count];
        for (int i = 0; i < _callers.Length; i++)
        {
            GatewayKeyOptions key = options.Keys[i];
            _callers[i] = new GatewayCaller(key.Name, [.. key.AllowedModels], CreateLimiter(key.RequestsPerMinute));
        }
    }

    /// <summary>Gets whether callers must present a key.</summary>
    public bool KeysRequired => _options.Keys.Count > 0;

    /// <summary>Finds the caller a presented key belongs to.</summary>
    /// <returns>The caller, or <see langword="null"/> when the key is unknown.</returns>
    public async ValueTask<GatewayCaller?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (now >= _expires)
        {
            await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        }

        byte[] hash = Hash(presented);
        GatewayCaller? caller = Find(hash);
        if (caller is null && now - _lastRefresh >= ForcedRefreshInterval)
        {
            await RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
            caller = Find(hash);
        }

        return caller;
    }

    private GatewayCaller? Find(byte[] hash)
    {
        GatewayCaller? match = null;
        foreach (Entry entry in Volatile.Read(ref _entries))
        {
            // No early exit: every configured key is compared.
            if (CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                match = entry.Caller;
            }
        }

        return match;
    }

    private async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (!force && now < _expires)
            {
                return;
            }

            if (force && now - _lastRefresh < ForcedRefreshInterval)
            {
                return;
            }

            Entry[] previous = Volatile.Read(ref _entries);
            var fresh = new List<Entry>(_callers.Length);
            for (int i = 0; i < _callers.Length; i++)
            {
                string? reference = _options.Keys[i].Key;
                if (force && AiSecretResolver.IsKeyVaultReference(reference))
                {
                    _secrets.Invalidate(reference);
                }

                try
                {
                    string? value = await _secrets.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
                    int added = 0;
                    foreach (string key in _options.Keys[i].IsList ? (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [value ?? string.Empty])
                    {
                        if (key.Length > 0)
                        {
                            fresh.Add(new Entry(Hash(key), _callers[i]));
                            added++;
                        }
                    }

                    if (added == 0)
                    {
                        LogKeyEmpty(_logger, _callers[i].Name);
                    }
                }
                catch (AiException ex)
                {
                    // Keep the last good value so a Key Vault outage does not lock every caller out.
                    LogKeyUnavailable(_logger, _callers[i].Name, ex.Message);
                    foreach (Entry old in previous)
                    {
                        if (ReferenceEquals(old.Caller, _callers[i]))
                        {
                            fresh.Add(old);
                        }
                    }
                }
            }

            Volatile.Write(ref _entries, fresh.ToArray());
            _lastRefresh = now;
            _expires = now + _ttl;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static RateLimiter? CreateLimiter(int requestsPerMinute)
    {
        if (requestsPerMinute <= 0)
        {
            return null;
        }

        // A token bucket of one minute's allowance, refilled smoothly (per second when the rate allows it).
        (TimeSpan period, int tokens) = requestsPerMinute >= 60
            ? (TimeSpan.FromSeconds(1), (requestsPerMinute + 59) / 60)
            : (TimeSpan.FromSeconds(60.0 / requestsPerMinute), 1);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requestsPerMinute,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Gateway key '{Name}' resolved to an empty value; it accepts no caller.")]
    private static partial void LogKeyEmpty(ILogger logger, string name);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Gateway key '{Name}' could not be read; keeping its last value. {Reason}")]
    private static partial void LogKeyUnavailable(ILogger logger, string name, string reason);

    private readonly record struct Entry(byte[] Hash, GatewayCaller Caller);
}
