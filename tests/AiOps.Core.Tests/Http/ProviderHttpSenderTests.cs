// Licensed under the MIT License.

using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator.KeyVault;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace AiOps.Tests.Http;

public sealed class ProviderHttpSenderTests
{
    private static readonly JsonTypeInfo<JsonElement> ElementInfo = (JsonTypeInfo<JsonElement>)JsonSerializerOptions.Default.GetTypeInfo(typeof(JsonElement));

    private static (ProviderHttpSender Sender, HttpClient Http) CreateSender(Uri baseAddress, string? apiKey, AiSecretResolver? secrets = null, TimeProvider? time = null, TimeSpan? timeout = null)
    {
        var http = new HttpClient();
        var context = new AiProviderContext(
            new TestProvider(),
            new AiProviderSettings { ApiKey = apiKey, BaseUrl = baseAddress },
            http,
            secrets ?? new AiSecretResolver(new FakeTokenCredential("unused")),
            timeout ?? TimeSpan.FromSeconds(100),
            time);
        return (new ProviderHttpSender(context, new ApiKeyHeaderAuth(context, "Authorization")), http);
    }

    private static Func<HttpRequestMessage> Post(Uri baseAddress) => () => new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "v1/test"))
    {
        Content = new StringContent("{}"),
    };

    [Fact]
    public async Task SendJsonAsync_After401WithRotatedKeyVaultKey_ReadsTheKeyAgainAndSucceedsOnce()
    {
        await using FakeKeyVaultHost vault = await FakeKeyVaultHost.StartAsync();
        vault.SetSecret("testai-key", "sk-old-key-123456");
        await using TestHttpServer provider = await TestHttpServer.StartAsync(async c =>
        {
            if (c.Request.Headers.Authorization != "Bearer sk-new-key-654321")
            {
                c.Response.StatusCode = 401;
                await c.Response.WriteAsync("{\"error\":{\"message\":\"Incorrect API key provided: sk-old-key-123456.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
                return;
            }

            await c.Response.WriteAsync("{\"ok\":true}");
        });
        var secrets = new AiSecretResolver(new FakeTokenCredential(FakeKeyVaultHost.AcceptedToken), TimeSpan.FromHours(1), new FakeTimeProvider(), TestKeyVault.ClientOptions(vault));
        string reference = $"kv://{vault.VaultUri.Authority}/testai-key";
        Assert.Equal("sk-old-key-123456", await secrets.ResolveAsync(reference));
        vault.SetSecret("testai-key", "sk-new-key-654321");

        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, reference, secrets);
        using (http)
        {
            (JsonElement body, HttpResponseMessage response) = await sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, CancellationToken.None);
            response.Dispose();
            Assert.True(body.GetProperty("ok").GetBoolean());
        }

        Assert.Equal(2, provider.RequestCount);
        Assert.Equal(2, vault.SecretReads);
    }

    [Fact]
    public async Task SendJsonAsync_401WithLiteralKey_FailsOnceWithAuthenticationAndNoKeyInTheMessage()
    {
        const string key = "sk-literal-secret-abcdef";
        await using TestHttpServer provider = await TestHttpServer.StartAsync(async c =>
        {
            c.Response.StatusCode = 401;
            c.Response.Headers["x-request-id"] = "req_123";
            await c.Response.WriteAsync("{\"error\":{\"message\":\"Incorrect API key provided: " + key + ". You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}");
        });
        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, key);
        using (http)
        {
            AiException ex = await Assert.ThrowsAsync<AiException>(() => sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, CancellationToken.None));

            Assert.Equal(AiErrorKind.Authentication, ex.Kind);
            Assert.Equal(401, ex.StatusCode);
            Assert.Equal("invalid_api_key", ex.ErrorCode);
            Assert.Equal("req_123", ex.RequestId);
            Assert.False(ex.IsRetryable);
            Assert.DoesNotContain(key, ex.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(key, ex.ProviderMessage!, StringComparison.Ordinal);
            Assert.Contains("TESTAI_API_KEY", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, provider.RequestCount);
    }

    [Fact]
    public async Task SendJsonAsync_NoKeyConfigured_FailsWithMissingApiKeyBeforeSending()
    {
        await using TestHttpServer provider = await TestHttpServer.StartAsync(c => c.Response.WriteAsync("{}"));
        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, apiKey: null);
        using (http)
        {
            AiException ex = await Assert.ThrowsAsync<AiException>(() => sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, CancellationToken.None));

            Assert.Equal(AiErrorKind.MissingApiKey, ex.Kind);
            Assert.Equal("TESTAI_API_KEY", ex.Parameter);
            Assert.Contains("Set TESTAI_API_KEY", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, provider.RequestCount);
    }

    [Fact]
    public async Task SendJsonAsync_NoAnswerWithinTimeout_ThrowsTimeoutWhenTheClockPassesIt()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestHttpServer provider = await TestHttpServer.StartAsync(async c =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        var time = new FakeTimeProvider();
        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, "sk-test-key-000000", time: time, timeout: TimeSpan.FromSeconds(30));
        using (http)
        {
            Task call = sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, CancellationToken.None);
            await arrived.Task;
            time.Advance(TimeSpan.FromSeconds(31));

            AiException ex = await Assert.ThrowsAsync<AiException>(() => call);
            Assert.Equal(AiErrorKind.Timeout, ex.Kind);
            Assert.True(ex.IsRetryable);
            Assert.Contains("AI_TIMEOUT", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendJsonAsync_AnsweredInTime_TheTimeoutFiringLaterDoesNotThrow()
    {
        // Regression: the per-attempt timer outlived a finished call and cancelled its disposed source on a thread-pool thread,
        // which ended the process (a PowerShell session died AI_TIMEOUT after its last request).
        await using TestHttpServer provider = await TestHttpServer.StartAsync(c => c.Response.WriteAsync("{\"ok\":true}"));
        var time = new FakeTimeProvider();
        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, "sk-test-key-000000", time: time, timeout: TimeSpan.FromSeconds(30));
        using (http)
        {
            (JsonElement body, HttpResponseMessage response) = await sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, CancellationToken.None);
            response.Dispose();
            Assert.True(body.GetProperty("ok").GetBoolean());

            Exception? thrown = Record.Exception(() => time.Advance(TimeSpan.FromSeconds(31)));

            Assert.Null(thrown);
        }
    }

    [Fact]
    public async Task SendJsonAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestHttpServer provider = await TestHttpServer.StartAsync(async c =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, c.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, "sk-test-key-000000");
        using (http)
        {
            using var cts = new CancellationTokenSource();
            Task call = sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, cts.Token);
            await arrived.Task;
            await cts.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }
    }

    [Fact]
    public async Task SendJsonAsync_NothingListening_ThrowsRetryableServerErrorNamingTheHost()
    {
        Uri closed;
        await using (TestHttpServer gone = await TestHttpServer.StartAsync(c => Task.CompletedTask))
        {
            closed = gone.BaseAddress;
        }

        (ProviderHttpSender sender, HttpClient http) = CreateSender(closed, "sk-test-key-000000");
        using (http)
        {
            AiException ex = await Assert.ThrowsAsync<AiException>(() => sender.SendJsonAsync(Post(closed), ElementInfo, CancellationToken.None));
            Assert.Equal(AiErrorKind.ServerError, ex.Kind);
            Assert.True(ex.IsRetryable);
            Assert.Null(ex.StatusCode);
            Assert.Contains("Could not reach TestAI at http://127.0.0.1:", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SendJsonAsync_BodyIsNotJson_ThrowsInvalidResponse()
    {
        await using TestHttpServer provider = await TestHttpServer.StartAsync(c => c.Response.WriteAsync("<html>gateway error</html>"));
        (ProviderHttpSender sender, HttpClient http) = CreateSender(provider.BaseAddress, "sk-test-key-000000");
        using (http)
        {
            AiException ex = await Assert.ThrowsAsync<AiException>(() => sender.SendJsonAsync(Post(provider.BaseAddress), ElementInfo, CancellationToken.None));
            Assert.Equal(AiErrorKind.InvalidResponse, ex.Kind);
        }
    }

    [Fact]
    public void UserAgent_NamesAiOpsAndItsVersion()
    {
        Assert.Matches(@"^AiOps/\d+\.\d+\.\d+(-[0-9A-Za-z.\-]+)? \(\.NET \d+\.\d+\.\d+\)$", AiHttpClientFactory.UserAgent);
        using var factory = new AiHttpClientFactory();
        Assert.Equal(AiHttpClientFactory.UserAgent, factory.Client.DefaultRequestHeaders.UserAgent.ToString());
    }
}
