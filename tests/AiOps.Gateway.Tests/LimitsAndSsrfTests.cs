// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace AiOps.Gateway.Tests;

/// <summary>Request limits, and callers trying to steer provider calls (base URL, headers, keys).</summary>
public sealed class LimitsAndSsrfTests : IAsyncLifetime
{
    private readonly ScriptedProvider _test = new();
    private GatewayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayTestServer.StartScriptedAsync(_test, extra: new Dictionary<string, string?>
    {
        ["AiOps:Gateway:MaxRequestBodyBytes"] = "65536",
        ["AiOps:Gateway:MaxMessages"] = "3",
        ["AiOps:Gateway:MaxTokens"] = "1000",
        ["AiOps:Gateway:MaxEmbeddingInputs"] = "5",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_any_provider_call()
    {
        string big = new('x', 70_000);
        using HttpResponseMessage response = await _server.PostAsync("/api/v1/chat/completions", $$"""{"model":"test/echo","messages":[{"role":"user","content":"{{big}}"}]}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Contains("65536", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_test.Calls);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_also_413()
    {
        var content = new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes("{\"messages\":\"" + new string('y', 70_000) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Authorization", "Bearer " + GatewayTestServer.Key);

        using HttpResponseMessage response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Too_many_messages_and_too_many_tokens_are_400_with_the_limit()
    {
        using HttpResponseMessage messages = await _server.PostAsync("/api/v1/chat/completions",
            """{"model":"test/echo","messages":[{"role":"user","content":"1"},{"role":"user","content":"2"},{"role":"user","content":"3"},{"role":"user","content":"4"}]}""");
        JsonElement m = JsonDocument.Parse(await messages.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(HttpStatusCode.BadRequest, messages.StatusCode);
        Assert.Equal(("too_many_messages", "messages"), (m.GetProperty("code").GetString(), m.GetProperty("param").GetString()));

        using HttpResponseMessage tokens = await _server.PostAsync("/api/v1/chat/completions",
            """{"model":"test/echo","max_completion_tokens":1001,"messages":[{"role":"user","content":"1"}]}""");
        JsonElement t = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(HttpStatusCode.BadRequest, tokens.StatusCode);
        Assert.Equal(("max_tokens_exceeded", "max_completion_tokens"), (t.GetProperty("code").GetString(), t.GetProperty("param").GetString()));
        Assert.Contains("1000", t.GetProperty("message").GetString(), StringComparison.Ordinal);

        using HttpResponseMessage inputs = await _server.PostAsync("/api/v1/embeddings", """{"model":"test/embed","input":["1","2","3","4","5","6"]}""");
        Assert.Equal("too_many_inputs", JsonDocument.Parse(await inputs.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(_test.Calls);
    }

    [Theory]
    [InlineData("base_url", "\"http://169.254.169.254/latest\"")]
    [InlineData("api_base", "\"http://evil.example\"")]
    [InlineData("api_key", "\"sk-attacker\"")]
    [InlineData("headers", "{\"Authorization\":\"Bearer stolen\"}")]
    [InlineData("extra_headers", "{\"x-forwarded-host\":\"evil\"}")]
    [InlineData("custom_host", "\"http://127.0.0.1:1\"")]
    public async Task Provider_control_fields_in_the_body_are_refused(string field, string value)
    {
        using HttpResponseMessage response = await _server.PostAsync("/api/v1/chat/completions",
            $$"""{"model":"test/echo","messages":[{"role":"user","content":"x"}],"{{field}}":{{value}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(("unsupported_parameter", field), (error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
        Assert.Empty(_test.Calls);

        using HttpResponseMessage native = await _server.PostAsync("/api/chat", $$"""{"prompt":"x","{{field}}":{{value}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, native.StatusCode);
        using HttpResponseMessage embed = await _server.PostAsync("/api/v1/embeddings", $$"""{"model":"test/embed","input":"x","{{field}}":{{value}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, embed.StatusCode);
        Assert.Empty(_test.Calls);
    }

    [Fact]
    public async Task A_model_that_looks_like_a_URL_is_just_a_model_name_for_the_default_provider()
    {
        using HttpResponseMessage response = await _server.PostAsync("/api/v1/chat/completions",
            """{"model":"http://169.254.169.254/latest/meta-data","messages":[{"role":"user","content":"x"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ScriptedCall call = Assert.Single(_test.Calls);
        Assert.Equal(("test", "http://169.254.169.254/latest/meta-data"), (call.Provider, call.Model));
    }
}
