// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator.KeyVault;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Gateway.Tests;

/// <summary>Gateway and provider keys given as Key Vault references, read with the real <see cref="SecretClient"/> from a local HTTPS vault.</summary>
public sealed class KeyVaultTests : IAsyncLifetime
{
    private const string Body = """{"model":"test/echo","messages":[{"role":"user","content":"x"}]}""";
    private FakeKeyVaultHost _vault = null!;

    public async Task InitializeAsync() => _vault = await FakeKeyVaultHost.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private async Task<(GatewayTestServer Server, ScriptedProvider Provider, FakeTimeProvider Time)> StartAsync(Dictionary<string, string?> settings)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var provider = new ScriptedProvider();
        var secretOptions = new SecretClientOptions
        {
            Transport = new HttpClientTransport(_vault.CreateTrustingHandler()),
            DisableChallengeResourceVerification = true,
        };
        secretOptions.Retry.MaxRetries = 0;
        GatewayTestServer server = await GatewayTestServer.StartAsync(
            settings,
            [provider],
            o =>
            {
                o.DefaultProvider = provider.Id;
                o.GetProvider(provider.Id).ApiKey = $"@Microsoft.KeyVault(VaultName={_vault.VaultUri.Authority};SecretName=test-provider-key)";
            },
            s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddSingleton(new AiSecretResolver(new FakeCredential(), TimeSpan.FromMinutes(5), time, secretOptions));
            });
        return (server, provider, time);
    }

    [Fact]
    public async Task Gateway_and_provider_keys_resolve_from_Key_Vault_references_and_follow_rotation()
    {
        _vault.SetSecret("gateway-keys", "kv-key-one,kv-key-two");
        _vault.SetSecret("test-provider-key", "provider-secret-v1");
        (GatewayTestServer server, ScriptedProvider provider, FakeTimeProvider time) = await StartAsync(new Dictionary<string, string?>
        {
            ["AIOPS_GATEWAY_KEYS"] = $"@Microsoft.KeyVault(SecretUri={_vault.VaultUri}secrets/gateway-keys/)",
        });
        await using (server)
        {
            using HttpResponseMessage one = await server.PostAsync("/api/v1/chat/completions", Body, "kv-key-one");
            using HttpResponseMessage two = await server.PostAsync("/api/v1/chat/completions", Body, "kv-key-two");
            using HttpResponseMessage reference = await server.PostAsync("/api/v1/chat/completions", Body, $"@Microsoft.KeyVault(SecretUri={_vault.VaultUri}secrets/gateway-keys/)");
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (one.StatusCode, two.StatusCode, reference.StatusCode));
            Assert.All(provider.Calls, c => Assert.Equal("provider-secret-v1", c.ApiKey));
            Assert.True(_vault.Challenges >= 1, "SecretClient went through the bearer challenge");

            // Rotation: the new gateway key works once the store refreshes (an unknown key forces a refresh at most every 30 s).
            _vault.SetSecret("gateway-keys", "kv-key-three");
            _vault.SetSecret("test-provider-key", "provider-secret-v2");
            time.Advance(GatewayKeyStore.ForcedRefreshInterval);
            using HttpResponseMessage three = await server.PostAsync("/api/v1/chat/completions", Body, "kv-key-three");
            Assert.Equal(HttpStatusCode.OK, three.StatusCode);
            using HttpResponseMessage revoked = await server.PostAsync("/api/v1/chat/completions", Body, "kv-key-one");
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

            // The provider key is re-read after the secret cache TTL.
            Assert.Equal("provider-secret-v1", provider.Calls.Last().ApiKey);
            time.Advance(TimeSpan.FromMinutes(5));
            using HttpResponseMessage later = await server.PostAsync("/api/v1/chat/completions", Body, "kv-key-three");
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
            Assert.Equal("provider-secret-v2", provider.Calls.Last().ApiKey);
        }
    }

    [Fact]
    public async Task An_unknown_key_cannot_make_the_gateway_hammer_the_vault()
    {
        _vault.SetSecret("gateway-keys-2", "kv-good-key");
        _vault.SetSecret("test-provider-key", "p");
        (GatewayTestServer server, _, FakeTimeProvider time) = await StartAsync(new Dictionary<string, string?>
        {
            ["AIOPS_GATEWAY_KEYS"] = $"kv://{_vault.VaultUri.Authority}/gateway-keys-2",
        });
        await using (server)
        {
            using HttpResponseMessage ok = await server.PostAsync("/api/v1/chat/completions", Body, "kv-good-key");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            int reads = _vault.SecretReads;
            for (int i = 0; i < 20; i++)
            {
                using HttpResponseMessage bad = await server.PostAsync("/api/v1/chat/completions", Body, "guess-" + i);
                Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            }

            Assert.True(_vault.SecretReads - reads <= 2, $"{_vault.SecretReads - reads} vault reads for 20 bad keys");
        }
    }

    [Fact]
    public async Task A_vault_named_by_AIOPS_KEYVAULT_URI_is_read_directly_alongside_the_platform_resolved_setting()
    {
        _vault.SetSecret(KeyVaultDirectReads.GatewayKeysSecret, "vault-only-key");
        _vault.SetSecret("test-provider-key", "p");
        (GatewayTestServer server, _, _) = await StartAsync(new Dictionary<string, string?>
        {
            ["AIOPS_GATEWAY_KEYS"] = "platform-resolved-key",
            ["AIOPS_KEYVAULT_URI"] = _vault.VaultUri + "/",
        });
        await using (server)
        {
            using HttpResponseMessage platform = await server.PostAsync("/api/v1/chat/completions", Body, "platform-resolved-key");
            using HttpResponseMessage vault = await server.PostAsync("/api/v1/chat/completions", Body, "vault-only-key");
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (platform.StatusCode, vault.StatusCode));
        }
    }

    [Fact]
    public void Provider_keys_from_infra_app_settings_become_vault_reads_when_the_vault_is_named()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-resolved-by-platform",
            ["ANTHROPIC_API_KEY"] = "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/custom/)",
            ["AIOPS_KEYVAULT_URI"] = "https://kv-aiops.vault.azure.net/",
        }).Build();
        AiOpsOptions options = AiOpsConfiguration.FromConfiguration(configuration);

        KeyVaultDirectReads.Apply(options, configuration);

        Assert.Equal("@Microsoft.KeyVault(SecretUri=https://kv-aiops.vault.azure.net/secrets/openai-api-key/)", options.Providers[AiProviderId.OpenAI].ApiKey);
        Assert.Equal("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/custom/)", options.Providers[AiProviderId.Anthropic].ApiKey);
    }

    private sealed class FakeCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(FakeKeyVaultHost.AcceptedToken, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
