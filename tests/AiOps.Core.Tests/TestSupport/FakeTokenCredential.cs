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

    public List<string> Scopes { get; } = [];

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
