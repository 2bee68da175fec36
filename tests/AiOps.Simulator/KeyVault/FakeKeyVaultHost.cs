// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiOps.Simulator.KeyVault;

/// <summary>A local HTTPS endpoint speaking the Key Vault secrets REST API (the subset <c>SecretClient.GetSecretAsync</c> uses),
/// including the bearer challenge flow, with a self-signed certificate created at start.</summary>
/// <remarks>Use with a <c>SecretClient</c> whose transport trusts <see cref="Certificate"/> and whose options set
/// <c>DisableChallengeResourceVerification</c> (the host is 127.0.0.1, not <c>*.vault.azure.net</c>).</remarks>
public sealed class FakeKeyVaultHost : IAsyncDisposable
{
    /// <summary>The token the fake accepts; any credential that returns it is authorised.</summary>
    public const string AcceptedToken = "fake-kv-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Value, string Version)> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private int _secretReads;
    private int _challenges;

    private FakeKeyVaultHost(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    /// <summary>Gets the self-signed certificate the endpoint serves.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Gets the vault URI (<c>https://127.0.0.1:&lt;port&gt;</c>).</summary>
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>Gets how many authorised secret reads were served.</summary>
    public int SecretReads => Volatile.Read(ref _secretReads);

    /// <summary>Gets how many 401 challenges were sent.</summary>
    public int Challenges => Volatile.Read(ref _challenges);

    /// <summary>Creates or rotates a secret (a new version each time).</summary>
    public void SetSecret(string name, string value) => _secrets[name] = (value, Guid.NewGuid().ToString("N"));

    /// <summary>Starts the endpoint on a free loopback port.</summary>
    public static async Task<FakeKeyVaultHost> StartAsync(CancellationToken cancellationToken = default)
    {
        X509Certificate2 certificate = CreateCertificate();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(certificate)));
        WebApplication app = builder.Build();
        var host = new FakeKeyVaultHost(app, certificate);
        app.MapGet("/secrets/{name}/{version?}", (HttpContext context, string name, string? version) => host.GetSecret(context, name, version));
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.VaultUri = new Uri($"https://127.0.0.1:{new Uri(address).Port}");
        return host;
    }

    /// <summary>Creates an HTTP handler that trusts only this endpoint's certificate (for <c>HttpClientTransport</c>).</summary>
    public HttpMessageHandler CreateTrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == Certificate.GetCertHashString() },
    };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private IResult GetSecret(HttpContext context, string name, string? version)
    {
        string auth = context.Request.Headers.Authorization.ToString();
        if (auth != "Bearer " + AcceptedToken)
        {
            Interlocked.Increment(ref _challenges);
            context.Response.Headers.WWWAuthenticate =
                "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000\", resource=\"https://vault.azure.net\"";
            return Results.Json(new { error = new { code = "Unauthorized", message = "AKV10000: Request is missing a Bearer or PoP token." } }, statusCode: 401);
        }

        if (!_secrets.TryGetValue(name, out var secret) || (version is not null && version != secret.Version))
        {
            return Results.Json(new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } }, statusCode: 404);
        }

        Interlocked.Increment(ref _secretReads);
        return Results.Json(new
        {
            value = secret.Value,
            id = $"{VaultUri}secrets/{name}/{secret.Version}",
            attributes = new { enabled = true, created = 1700000000, updated = 1700000000, recoveryLevel = "Recoverable+Purgeable" },
        });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using X509Certificate2 created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Re-import so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
