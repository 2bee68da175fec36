// Licensed under the MIT License.

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AiOps.Gateway.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AiOps.Functions.Tests;

/// <summary>The HTTP functions invoked as the worker invokes them: each hands its HttpContext to the gateway handlers.</summary>
public sealed class HttpFunctionTests : IDisposable
{
    private readonly ScriptedProvider _provider = new("test");
    private readonly FunctionsTestContainer _app;

    public HttpFunctionTests() => _app = new FunctionsTestContainer(_provider);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_chat_completions_function_answers_through_the_gateway_handler()
    {
        HttpContext context = _app.Request("POST", "/api/v1/chat/completions", """{"model":"test/echo","messages":[{"role":"user","content":"from functions"}]}""");

        IActionResult result = await _app.Http.ChatCompletionsAsync(context.Request);

        Assert.IsType<EmptyResult>(result);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("test", context.Response.Headers["x-aiops-provider"].ToString());
        JsonElement body = JsonDocument.Parse(FunctionsTestContainer.ResponseText(context)).RootElement;
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("echo: from functions", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("from functions", Assert.Single(_provider.Calls).Messages[0].Text);
    }

    [Fact]
    public async Task The_function_streams_server_sent_events_with_buffering_off()
    {
        HttpContext context = _app.Request("POST", "/api/v1/chat/completions", """{"model":"test/echo","stream":true,"messages":[{"role":"user","content":"s"}]}""");

        await _app.Http.ChatCompletionsAsync(context.Request);

        Assert.Equal("text/event-stream; charset=utf-8", context.Response.ContentType);
        Assert.Equal("no", context.Response.Headers["X-Accel-Buffering"].ToString());
        string text = FunctionsTestContainer.ResponseText(context);
        Assert.StartsWith("data: {", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_are_anonymous_to_the_host_but_the_gateway_checks_its_own_key()
    {
        HttpContext noKey = _app.Request("POST", "/api/v1/chat/completions", """{"model":"test/echo","messages":[{"role":"user","content":"x"}]}""", key: null);
        await _app.Http.ChatCompletionsAsync(noKey.Request);
        Assert.Equal(401, noKey.Response.StatusCode);

        HttpContext models = _app.Request("GET", "/api/v1/models", key: "wrong-key");
        await _app.Http.ModelsAsync(models.Request);
        Assert.Equal(401, models.Response.StatusCode);
        Assert.Empty(_provider.Calls);
    }

    [Fact]
    public async Task Every_route_function_reaches_its_handler()
    {
        HttpContext health = _app.Request("GET", "/api/health", key: null);
        await _app.Http.HealthAsync(health.Request);
        Assert.Equal("ok", JsonDocument.Parse(FunctionsTestContainer.ResponseText(health)).RootElement.GetProperty("status").GetString());

        HttpContext embeddings = _app.Request("POST", "/api/v1/embeddings", """{"model":"test/embed","input":"e"}""");
        await _app.Http.EmbeddingsAsync(embeddings.Request);
        Assert.Equal("list", JsonDocument.Parse(FunctionsTestContainer.ResponseText(embeddings)).RootElement.GetProperty("object").GetString());

        HttpContext models = _app.Request("GET", "/api/v1/models");
        await _app.Http.ModelsAsync(models.Request);
        Assert.Contains(JsonDocument.Parse(FunctionsTestContainer.ResponseText(models)).RootElement.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == "test/echo");

        HttpContext native = _app.Request("POST", "/api/chat", """{"provider":"test","prompt":"n"}""");
        await _app.Http.NativeChatAsync(native.Request);
        Assert.Equal("echo: n", JsonDocument.Parse(FunctionsTestContainer.ResponseText(native)).RootElement.GetProperty("content").GetString());

        HttpContext nativeEmbeddings = _app.Request("POST", "/api/embeddings", """{"provider":"test","input":["a"]}""");
        await _app.Http.NativeEmbeddingsAsync(nativeEmbeddings.Request);
        Assert.Equal(1, JsonDocument.Parse(FunctionsTestContainer.ResponseText(nativeEmbeddings)).RootElement.GetProperty("embeddings").GetArrayLength());

        // No storage in this container: the batch functions reach the batch service, which says so.
        HttpContext batch = _app.Request("POST", "/api/batches", "{}");
        await _app.Http.SubmitBatchAsync(batch.Request);
        Assert.Equal(503, batch.Response.StatusCode);

        HttpContext status = _app.Request("GET", "/api/batches/batch_0123");
        await _app.Http.GetBatchAsync(status.Request, "batch_0123");
        Assert.Equal("batch_0123", status.Request.RouteValues["id"]);
        Assert.Equal(503, status.Response.StatusCode);
    }

    [Fact]
    public void The_app_refuses_to_start_without_gateway_keys()
    {
        AiException ex = Assert.Throws<AiException>(() => new FunctionsTestContainer(new ScriptedProvider(), new System.Collections.Generic.Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = null }));
        Assert.Contains("AIOPS_GATEWAY_KEYS", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_Insights_uses_the_managed_identity_named_in_the_authentication_string()
    {
        Assert.Null(FunctionsStartup.AadCredential(null));
        Assert.Null(FunctionsStartup.AadCredential("InstrumentationKey=x"));
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(FunctionsStartup.AadCredential("ClientId=00000000-0000-0000-0000-000000000001;Authorization=AAD"));
    }
}
