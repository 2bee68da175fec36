// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>A provider's own chat client (and embedding generator) pointed at the simulator, tagged with a key of its own so a test
/// finds exactly the requests it sent.</summary>
internal sealed class ConformanceClient
{
    private static readonly ResponseRecorder Recorder = new(new SocketsHttpHandler { UseProxy = false });
    private static readonly HttpClient Http = new(Recorder) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly SimulatorFixture _sim;
    private readonly AiProviderContext _context;

    /// <summary>Initializes a new instance of the <see cref="ConformanceClient"/> class.</summary>
    /// <param name="sim">The simulator.</param>
    /// <param name="provider">The provider under test.</param>
    /// <param name="scenario">The simulator scenario every request asks for (<c>x-sim-scenario</c>), or <see langword="null"/> for the default.</param>
    /// <param name="headers">More request headers (simulator knobs such as <c>x-sim-chunks</c>).</param>
    public ConformanceClient(SimulatorFixture sim, ProviderCase provider, string? scenario = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        _sim = sim;
        Case = provider;
        Key = Guid.NewGuid().ToString("N");
        var settings = new AiProviderSettings { ApiKey = provider.ApiKey, BaseUrl = new Uri(sim.BaseAddress, provider.BasePath) };
        settings.Headers["x-sim-key"] = Key;
        if (scenario is not null)
        {
            settings.Headers[Scenario.Header] = scenario;
        }

        foreach (KeyValuePair<string, string> header in headers ?? new Dictionary<string, string>())
        {
            settings.Headers[header.Key] = header.Value;
        }

        provider.Configure(settings);
        _context = new AiProviderContext(provider.Provider, settings, Http, new AiSecretResolver(), TimeSpan.FromSeconds(30));
        Chat = provider.Provider.CreateChatClient(_context);
    }

    /// <summary>Gets the case.</summary>
    public ProviderCase Case { get; }

    /// <summary>Gets the value of the <c>x-sim-key</c> header every request carries.</summary>
    public string Key { get; }

    /// <summary>Gets the provider's chat client.</summary>
    public IChatClient Chat { get; }

    /// <summary>Creates the provider's embedding generator with the same settings.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embeddings() => Case.Provider.CreateEmbeddingGenerator(_context);

    /// <summary>Gets the requests this client sent, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests() =>
        _sim.Host.State.Requests.Where(r => r.Headers.TryGetValue("x-sim-key", out string? k) && k == Key).ToList();

    /// <summary>Gets the headers of the last response this client received (names in any case).</summary>
    public IReadOnlyDictionary<string, string> LastResponseHeaders() => Recorder.Last(Key);

    /// <summary>Gets the single request this client sent.</summary>
    public RecordedRequest Single() => Assert.Single(Requests());

    /// <summary>Sends the request, streamed or not, and returns the canonical response (a stream coalesced as MEAI does).</summary>
    public async Task<ChatResponse> AskAsync(IList<ChatMessage> messages, ChatOptions? options, bool stream) =>
        stream
            ? (await CollectAsync(Chat.GetStreamingResponseAsync(messages, options))).ToChatResponse()
            : await Chat.GetResponseAsync(messages, options);

    /// <summary>Collects a stream.</summary>
    public static async Task<List<ChatResponseUpdate>> CollectAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    /// <summary>Keeps the headers of the last response per <c>x-sim-key</c>, so probes can see what a provider's answer carried.</summary>
    private sealed class ResponseRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _last = new(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, string> Last(string key) =>
            _last.TryGetValue(key, out IReadOnlyDictionary<string, string>? headers) ? headers : new Dictionary<string, string>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.Headers.TryGetValues("x-sim-key", out IEnumerable<string>? keys))
            {
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (KeyValuePair<string, IEnumerable<string>> h in response.Headers)
                {
                    headers[h.Key] = string.Join(",", h.Value);
                }

                _last[keys.First()] = headers;
            }

            return response;
        }
    }
}
