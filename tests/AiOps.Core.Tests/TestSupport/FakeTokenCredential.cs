// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AiOps.Tests;

/// <summary>A <see cref="TokenCredential"/> that hands out a fixed token and records the scopes it was asked for.</summary>
public sealed class FakeTokenCredential : TokenCredential
{
    public FakeTokenCredential(string token = "entra-token-abc") => Token = token;

    public string Token { get; }

    /// <summary>Gets every scope requested so far (lock it to read while calls run).</summary>
    public List<string> Scopes { get; } = [];

    /// <summary>Gets a snapshot of the requested scopes.</summary>
    public IReadOnlyList<string> RequestedScopes
    {
        get
        {
            lock (Scopes)
            {
                return [.. Scopes];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes)
        {
            Scopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
