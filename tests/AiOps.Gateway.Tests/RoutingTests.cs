// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace AiOps.Gateway.Tests;

/// <summary>How a <c>model</c> string finds its provider: <c>provider/model</c>, aliases, fallback and weights, bare names.</summary>
public sealed class RoutingTests
{
    private static string Chat(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"x"}]}""";

    [Fact]
    public async Task Provider_slash_model_bare_names_and_aliases_route_where_configured()
    {
        var test = new ScriptedProvider("test");
        var backup = new ScriptedProvider("backup");
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test, backup, new Dictionary<string, string?>
        {
            ["AiOps:Models:fast"] = "backup/echo",
        });

        using HttpResponseMessage a = await server.PostAsync("/api/v1/chat/completions", Chat("backup/echo"));
        using HttpResponseMessage b = await server.PostAsync("/api/v1/chat/completions", Chat("echo"));
        using HttpResponseMessage c = await server.PostAsync("/api/v1/chat/completions", Chat("FAST"));
        using HttpResponseMessage d = await server.PostAsync("/api/v1/chat/completions", Chat("meta-llama/Llama-3-8B"));

        Assert.Equal(("backup", "echo"), (a.Headers.GetValues("x-aiops-provider").Single(), a.Headers.GetValues("x-aiops-model").Single()));
        Assert.Equal("test", b.Headers.GetValues("x-aiops-provider").Single());
        Assert.Equal("backup", c.Headers.GetValues("x-aiops-provider").Single());
        Assert.Equal(("test", "meta-llama/Llama-3-8B"), (d.Headers.GetValues("x-aiops-provider").Single(), d.Headers.GetValues("x-aiops-model").Single()));
        Assert.Equal(["echo", "echo"], backup.Calls.Select(x => x.Model));
        Assert.Equal(["echo", "meta-llama/Llama-3-8B"], test.Calls.Select(x => x.Model));
    }

    [Fact]
    public async Task A_fallback_alias_moves_to_the_next_target_and_says_what_it_tried()
    {
        var test = new ScriptedProvider("test");
        var backup = new ScriptedProvider("backup");
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test, backup, new Dictionary<string, string?>
        {
            ["AiOps:Models:resilient"] = "test/fail-ServerError, backup/echo",
            ["AiOps:Models:strict"] = "test/fail-InvalidRequest, backup/echo",
        });

        using HttpResponseMessage ok = await server.PostAsync("/api/v1/chat/completions", Chat("resilient"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("backup", ok.Headers.GetValues("x-aiops-provider").Single());
        Assert.Equal("test/fail-ServerError", ok.Headers.GetValues("x-aiops-fallback-tried").Single());

        // Errors in the request itself are not retried elsewhere.
        using HttpResponseMessage bad = await server.PostAsync("/api/v1/chat/completions", Chat("strict"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Single(backup.Calls);

        // Streams fail over too, before their first chunk.
        using HttpResponseMessage stream = await server.PostAsync("/api/v1/chat/completions",
            """{"model":"resilient","stream":true,"messages":[{"role":"user","content":"y"}]}""");
        Assert.Equal("backup", stream.Headers.GetValues("x-aiops-provider").Single());
        List<string> events = await ChatCompletionsTests.ReadEventsAsync(stream);
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task A_stream_never_fails_over_after_its_first_chunk()
    {
        var test = new ScriptedProvider("test");
        var backup = new ScriptedProvider("backup");
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test, backup, new Dictionary<string, string?>
        {
            ["AiOps:Models:pair"] = "test/midfail, backup/echo",
        });

        using HttpResponseMessage stream = await server.PostAsync("/api/v1/chat/completions", """{"model":"pair","stream":true,"messages":[{"role":"user","content":"y"}]}""");

        List<string> events = await ChatCompletionsTests.ReadEventsAsync(stream);
        Assert.Contains("\"error\"", events[^1], StringComparison.Ordinal);
        Assert.Empty(backup.Calls);
    }

    [Fact]
    public void Weighted_targets_pick_the_first_by_weight_and_keep_the_rest_as_fallbacks()
    {
        var options = new AiOpsOptions { DefaultProvider = new AiProviderId("test") };
        options.ModelAliases["spread"] = "test/a=1, backup/b=3";
        _ = options.GetProvider(new AiProviderId("backup"));
        var registry = new AiProviderRegistry().Register(new ScriptedProvider("test")).Register(new ScriptedProvider("backup"));

        ModelRoute low = new ModelRouter(options, registry, () => 0.1).Resolve("spread");
        ModelRoute high = new ModelRouter(options, registry, () => 0.9).Resolve("spread");

        Assert.Equal(["test/a", "backup/b"], low.Targets.Select(t => t.ToString()));
        Assert.Equal(["backup/b", "test/a"], high.Targets.Select(t => t.ToString()));
    }

    [Fact]
    public async Task A_provider_without_a_key_is_404_model_not_found_naming_the_provider()
    {
        var test = new ScriptedProvider("test");
        await using GatewayTestServer server = await GatewayTestServer.StartScriptedAsync(test);
        var registry = server.Services.GetRequiredService<AiProviderRegistry>();
        registry.Register(new KeyedProvider());

        using HttpResponseMessage response = await server.PostAsync("/api/v1/chat/completions", Chat("keyed/model-x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Contains("'keyed'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyless_provider_nobody_configured_is_neither_listed_nor_routed_to()
    {
        var test = new ScriptedProvider("test");
        var idle = new ScriptedProvider("idle");
        await using GatewayTestServer server = await GatewayTestServer.StartAsync(
            new Dictionary<string, string?> { ["AIOPS_GATEWAY_KEYS"] = GatewayTestServer.Key }, [test, idle], o => o.DefaultProvider = test.Id);

        using HttpResponseMessage routed = await server.PostAsync("/api/v1/chat/completions", Chat("idle/echo"));
        using HttpResponseMessage models = await server.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.NotFound, routed.StatusCode);
        Assert.DoesNotContain("idle/", await models.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(idle.Calls);
    }

    [Fact]
    public void A_bad_alias_weight_fails_at_start_with_the_setting_name()
    {
        var options = new AiOpsOptions { DefaultProvider = new AiProviderId("test") };
        options.ModelAliases["bad"] = "test/a=heavy";
        AiException ex = Assert.Throws<AiException>(() => new ModelRouter(options, new AiProviderRegistry().Register(new ScriptedProvider())));
        Assert.Equal("AiOps:Models:bad", ex.Parameter);
    }

    private sealed class KeyedProvider : AiProvider
    {
        public override AiProviderId Id => new("keyed");

        public override string DisplayName => "Keyed";

        public override Microsoft.Extensions.AI.IChatClient CreateChatClient(AiProviderContext context) => throw new InvalidOperationException("never called");

        public override Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) =>
            throw new InvalidOperationException("never called");
    }
}
