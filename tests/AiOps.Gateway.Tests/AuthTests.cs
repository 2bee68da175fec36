// Licensed under the MIT License.

using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace AiOps.Gateway.Tests;

/// <summary>Caller authentication: gateway keys, per-key models and rate limits, anonymous mode.</summary>
public sealed class AuthTests
{
    private const string Body = """{"model":"test/echo","messages":[{"role":"user","content":"x"}]}""";

    [Fact]
    public async Task A_request_without_a_key_is_401_in_OpenAI_shape()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test);

        using HttpResponseMessage response = await server.PostAsync("/api/v1/chat/completions", Body, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("authentication_error", "invalid_api_key"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
        Assert.Contains("Authorization: Bearer", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(test.Calls);
    }

    [Fact]
    public async Task A_wrong_key_is_401_and_never_reaches_a_provider()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test);

        ClientResultException ex = await Assert.ThrowsAsync<ClientResultException>(() => server.Chat("test/echo", key: "gw-test-key-0123456788").CompleteChatAsync([new UserChatMessage("x")]));

        Assert.Equal(401, ex.Status);
        Assert.Empty(test.Calls);
    }

    [Fact]
    public async Task A_valid_key_works_as_a_bearer_token_and_as_the_api_key_header()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test);

        ChatCompletion viaSdk = await server.Chat("test/echo").CompleteChatAsync([new UserChatMessage("sdk")]);
        Assert.Equal("echo: sdk", viaSdk.Content[0].Text);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/completions") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("api-key", GatewayTestServer.Key);
        using HttpResponseMessage response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Several_comma_separated_keys_each_authenticate()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(
            new Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = "first-key-aaaaaaaa, second-key-bbbbbbbb" }, [test], o => o.DefaultProvider = test.Id);

        foreach (string key in new[] { "first-key-aaaaaaaa", "second-key-bbbbbbbb" })
        {
            using HttpResponseMessage ok = await server.PostAsync("/api/v1/chat/completions", Body, key);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using HttpResponseMessage both = await server.PostAsync("/api/v1/chat/completions", Body, "first-key-aaaaaaaa, second-key-bbbbbbbb");
        Assert.Equal(HttpStatusCode.Unauthorized, both.StatusCode);
    }

    [Fact]
    public async Task A_key_limited_to_some_models_gets_403_for_others_and_sees_only_its_models()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["AiOps:Gateway:Keys:team-a:Key"] = "team-a-key-123456",
                ["AiOps:Gateway:Keys:team-a:AllowedModels"] = "fast, test/emb*",
                ["AiOps:Gateway:Keys:admin:Key"] = "admin-key-1234567",
                ["AiOps:Models:fast"] = "test/echo",
            },
            [test],
            o => o.DefaultProvider = test.Id);

        using HttpResponseMessage alias = await server.PostAsync("/api/v1/chat/completions", """{"model":"fast","messages":[{"role":"user","content":"x"}]}""", "team-a-key-123456");
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);

        using HttpResponseMessage direct = await server.PostAsync("/api/v1/chat/completions", Body, "team-a-key-123456");
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        JsonElement error = JsonDocument.Parse(await direct.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("permission_error", "model_not_allowed", "model"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Contains("team-a", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        using HttpResponseMessage embed = await server.PostAsync("/api/v1/embeddings", """{"model":"test/embed","input":"x"}""", "team-a-key-123456");
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);

        using HttpResponseMessage models = await server.GetAsync("/api/v1/models", "team-a-key-123456");
        string[] ids = JsonDocument.Parse(await models.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["fast", "test/embed"], ids);

        using HttpResponseMessage adminModels = await server.GetAsync("/api/v1/models", "admin-key-1234567");
        string[] all = JsonDocument.Parse(await adminModels.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["fast", "test/echo", "test/embed"], all);
        Assert.Single(test.Calls, c => c.Model == "echo");
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(
            new Dictionary<string, string?> { ["AiOps:Gateway:Keys:slow:Key"] = "slow-key-12345678", ["AiOps:Gateway:Keys:slow:RequestsPerMinute"] = "1" },
            [test],
            o => o.DefaultProvider = test.Id);

        using HttpResponseMessage first = await server.PostAsync("/api/v1/chat/completions", Body, "slow-key-12345678");
        using HttpResponseMessage second = await server.PostAsync("/api/v1/chat/completions", Body, "slow-key-12345678");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.True(int.Parse(second.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("rate_limit_exceeded", JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Single(test.Calls);
    }

    [Fact]
    public async Task Without_keys_the_gateway_refuses_to_start()
    {
        AiException ex = await Assert.ThrowsAsync<AiException>(() => GatewayTestServer.StartAsync(new Dictionary<string, string?>(), [new ScriptedProvider()]));

        Assert.Equal(AiErrorKind.InvalidConfiguration, ex.Kind);
        Assert.Contains("AIOPS_GATEWAY_KEYS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AIOPS_GATEWAY_ALLOW_ANONYMOUS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_mode_serves_loopback_callers_without_a_key()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(
            new Dictionary<string, string?> { ["AIOPS_GATEWAY_ALLOW_ANONYMOUS"] = "true" }, [test], o => o.DefaultProvider = test.Id);

        using HttpResponseMessage response = await server.PostAsync("/api/v1/chat/completions", Body, key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_mode_refuses_to_listen_beyond_loopback()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => AiOps.Gateway.Host.GatewayHost.Build(
            ["--urls", "http://0.0.0.0:0", "--AIOPS_GATEWAY_ALLOW_ANONYMOUS=true"]));
        Assert.Contains("loopback", ex.Message, StringComparison.Ordinal);

        Assert.True(AiOps.Gateway.Host.GatewayHost.IsLoopback("http://127.0.0.1:8080"));
        Assert.True(AiOps.Gateway.Host.GatewayHost.IsLoopback("http://[::1]:8080"));
        Assert.True(AiOps.Gateway.Host.GatewayHost.IsLoopback("http://localhost:8080"));
        Assert.False(AiOps.Gateway.Host.GatewayHost.IsLoopback("http://*:8080"));
        Assert.False(AiOps.Gateway.Host.GatewayHost.IsLoopback("http://10.0.0.5:8080"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Health_needs_no_key_and_shows_no_secret()
    {
        var test = new ScriptedProvider();
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test);

        using HttpResponseMessage response = await server.GetAsync("/api/health", key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        JsonElement health = JsonDocument.Parse(body).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("test", health.GetProperty("defaultProvider").GetString());
        Assert.False(health.GetProperty("batch").GetBoolean());
        Assert.DoesNotContain(GatewayTestServer.Key, body, StringComparison.Ordinal);
    }
}
