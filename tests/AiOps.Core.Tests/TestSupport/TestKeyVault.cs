// Licensed under the MIT License.

using AiOps.Simulator.KeyVault;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

namespace AiOps.Tests;

/// <summary>SecretClient options that talk to the fake vault.</summary>
internal static class TestKeyVault
{
    public static SecretClientOptions ClientOptions(FakeKeyVaultHost vault)
    {
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(vault.CreateTrustingHandler()),
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
