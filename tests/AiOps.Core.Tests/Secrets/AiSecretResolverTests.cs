// Licensed under the MIT License.

using System;
using System.Threading.Tasks;
using AiOps.Simulator.KeyVault;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Tests.Secrets;

public sealed class AiSecretResolverTests : IAsyncLifetime
{
    private FakeKeyVaultHost _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeKeyVaultHost.StartAsync();
        _vault.SetSecret("openai-api-key", "sk-from-vault-1234567890");
    }

    public Task DisposeAsync() => _vault.DisposeAsync().AsTask();

    private AiSecretResolver CreateResolver(FakeTimeProvider? time = null, FakeTokenCredential? credential = null) =>
        new(credential ?? new FakeTokenCredential(FakeKeyVaultHost.AcceptedToken), TimeSpan.FromMinutes(5), time ?? new FakeTimeProvider(),
            TestKeyVault.ClientOptions(_vault));

    [Fact]
    public async Task ResolveAsync_SecretUriReference_ReadsThroughTheChallengeFlow()
    {
        var credential = new FakeTokenCredential(FakeKeyVaultHost.AcceptedToken);
        AiSecretResolver resolver = CreateResolver(credential: credential);

        string? value = await resolver.ResolveAsync($"@Microsoft.KeyVault(SecretUri={_vault.VaultUri}secrets/openai-api-key/)");

        Assert.Equal("sk-from-vault-1234567890", value);
        Assert.Equal(1, _vault.Challenges);
        Assert.Equal(1, _vault.SecretReads);
        Assert.Contains("https://vault.azure.net/.default", credential.RequestedScopes);
    }

    [Fact]
    public async Task ResolveAsync_VaultNameAndKvSchemeReferences_ReadTheSameSecret()
    {
        AiSecretResolver resolver = CreateResolver();
        string authority = _vault.VaultUri.Authority;

        Assert.Equal("sk-from-vault-1234567890", await resolver.ResolveAsync($"@Microsoft.KeyVault(VaultName={authority};SecretName=openai-api-key)"));
        Assert.Equal("sk-from-vault-1234567890", await resolver.ResolveAsync($"kv://{authority}/openai-api-key"));
    }

    [Fact]
    public async Task ResolveAsync_WithinTtl_ServesFromCache_AndReadsAgainAfterExpiry()
    {
        var time = new FakeTimeProvider();
        AiSecretResolver resolver = CreateResolver(time);
        string reference = $"kv://{_vault.VaultUri.Authority}/openai-api-key";

        await resolver.ResolveAsync(reference);
        await resolver.ResolveAsync(reference);
        Assert.Equal(1, _vault.SecretReads);

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await resolver.ResolveAsync(reference);
        Assert.Equal(2, _vault.SecretReads);
    }

    [Fact]
    public async Task Invalidate_AfterRotation_ReadsTheNewValue()
    {
        AiSecretResolver resolver = CreateResolver();
        string reference = $"kv://{_vault.VaultUri.Authority}/openai-api-key";
        Assert.Equal("sk-from-vault-1234567890", await resolver.ResolveAsync(reference));

        _vault.SetSecret("openai-api-key", "sk-rotated-0987654321");
        Assert.Equal("sk-from-vault-1234567890", await resolver.ResolveAsync(reference));
        resolver.Invalidate(reference);

        Assert.Equal("sk-rotated-0987654321", await resolver.ResolveAsync(reference));
    }

    [Fact]
    public async Task ResolveAsync_MissingSecret_ThrowsInvalidConfigurationNamingTheSecretButNoValue()
    {
        AiSecretResolver resolver = CreateResolver();

        AiException ex = await Assert.ThrowsAsync<AiException>(() => resolver.ResolveAsync($"kv://{_vault.VaultUri.Authority}/nope").AsTask());

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("'nope'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Check the vault and secret names", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_RejectedToken_SaysWhichRoleToGrant()
    {
        AiSecretResolver resolver = CreateResolver(credential: new FakeTokenCredential("wrong-token"));

        AiException ex = await Assert.ThrowsAsync<AiException>(() => resolver.ResolveAsync($"kv://{_vault.VaultUri.Authority}/openai-api-key").AsTask());

        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("Key Vault Secrets User", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-literal-key")]
    [InlineData("")]
    public async Task ResolveAsync_Literal_ReturnsItUnchanged(string literal)
    {
        AiSecretResolver resolver = CreateResolver();
        Assert.Equal(literal.Length == 0 ? null : literal, await resolver.ResolveAsync(literal));
        Assert.Equal(0, _vault.SecretReads);
    }

    [Fact]
    public async Task ResolveAsync_EnvReference_ReadsTheVariable()
    {
        string name = "AIOPS_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-env", await CreateResolver().ResolveAsync("env:" + name));
            Assert.Null(await CreateResolver().ResolveAsync("env:" + name + "_UNSET"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=http://insecure/secrets/x)")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/keys/x)")]
    [InlineData("@Microsoft.KeyVault(VaultName=v)")]
    [InlineData("kv://vault-only")]
    public async Task ResolveAsync_MalformedReference_ThrowsInvalidConfiguration(string reference)
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => CreateResolver().ResolveAsync(reference).AsTask());
        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
    }
}
