// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Providers.Anthropic;

/// <summary>Builds Anthropic provider clients against the simulator (or a replay handler), each tagged with its own
/// <c>x-sim-key</c> so a test finds its own recorded requests.</summary>
internal static class AnthropicTestClients
{
    public const string ApiKey = "sk-ant-api03-test-key-0123456789";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public static (IChatClient Client, string Key) ForSimulator(SimulatorFixture sim, Action<AiProviderSettings>? configure = null, TimeProvider? time = null)
    {
        string key = Guid.NewGuid().ToString("N");
        var settings = new AiProviderSettings { ApiKey = ApiKey, BaseUrl = sim.BaseAddress };
        settings.Headers["x-sim-key"] = key;
        configure?.Invoke(settings);
        return (Create(settings, Http, time), key);
    }

    public static IChatClient ForHandler(HttpMessageHandler handler, Action<AiProviderSettings>? configure = null, TimeProvider? time = null)
    {
        var settings = new AiProviderSettings { ApiKey = ApiKey, BaseUrl = new Uri("https://api.anthropic.test") };
        configure?.Invoke(settings);
        return Create(settings, new HttpClient(handler), time);
    }

    public static AiProviderContext Context(AiProviderSettings settings, HttpClient http, TimeProvider? time = null) =>
        new(new AnthropicProvider(), settings, http, new AiSecretResolver(), TimeSpan.FromSeconds(30), time);

    public static IReadOnlyList<RecordedRequest> Requests(SimulatorFixture sim, string key) =>
        sim.Host.State.Requests.Where(r => r.Headers.TryGetValue("x-sim-key", out string? k) && k == key).ToList();

    public static RecordedRequest Single(SimulatorFixture sim, string key) => Assert.Single(Requests(sim, key));

    private static IChatClient Create(AiProviderSettings settings, HttpClient http, TimeProvider? time) =>
        new AnthropicProvider().CreateChatClient(Context(settings, http, time));
}
