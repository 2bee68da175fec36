// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiOps.Simulator;
using Microsoft.Extensions.AI;

namespace AiOps.Tests.Conformance;

/// <summary>Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/> end to end against the simulator, through a provider's
/// real wire format: parallel calls, a tool that throws (the error goes back to the model and the loop goes on), the iteration cap,
/// and the same loop streamed. Provider-neutral: the simulator's <c>tools</c> scenario answers "Tool said: r1 | r2" from the tool
/// results it reads in the provider's own format, so the final text proves every result made the round trip.</summary>
/// <remarks>A provider plugs in with one line:
/// <code>public sealed class OpenAIToolLoopTests(SimulatorFixture sim) : ToolLoopConformanceTests(sim, AiProviderId.OpenAI, "/v1");</code>
/// The base path follows the vendor's base-URL convention (OpenAI includes <c>/v1</c>; Anthropic and Gemini are hosts).</remarks>
public abstract class ToolLoopConformanceTests : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly List<AiClient> _clients = [];
    private readonly SimulatorFixture _sim;
    private readonly AiProviderId _provider;
    private readonly string _basePath;
    private readonly Action<AiProviderSettings>? _configure;

    /// <summary>Initializes a new instance of the <see cref="ToolLoopConformanceTests"/> class.</summary>
    /// <param name="sim">The simulator.</param>
    /// <param name="provider">The provider under test.</param>
    /// <param name="basePath">The path appended to the simulator's address to form the provider's base URL.</param>
    /// <param name="configure">Adjusts the provider's settings (an api-version, say), or <see langword="null"/>.</param>
    protected ToolLoopConformanceTests(SimulatorFixture sim, AiProviderId provider, string basePath = "/", Action<AiProviderSettings>? configure = null)
    {
        _sim = sim;
        _provider = provider;
        _basePath = basePath;
        _configure = configure;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ParallelToolCalls_AreAllInvoked_AndEveryResultGoesBackInOneTurn(bool stream)
    {
        var calls = new List<string>();
        AIFunction temperature = AIFunctionFactory.Create((string location) => { Record(calls, "temperature:" + location); return 21; }, "get_temperature", "Current temperature in a location.");
        AIFunction humidity = AIFunctionFactory.Create((string location) => { Record(calls, "humidity:" + location); return 40; }, "get_humidity", "Current humidity in a location.");
        (IChatClient client, string key) = CreateClient(f => f.AllowConcurrentInvocation = true);

        ChatResponse response = await Ask(client, new ChatOptions { ModelId = "sim-tools-parallel", Tools = [temperature, humidity] }, stream);

        Assert.Equal("Tool said: 21 | 40", response.Text);
        Assert.Equal(["humidity:sample", "temperature:sample"], calls.Order(StringComparer.Ordinal));
        Assert.Equal(2, Requests(key).Count);

        // The history FunctionInvokingChatClient built: both calls in one assistant turn, both results in one tool turn, then the answer.
        Assert.Equal([ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], response.Messages.Select(m => m.Role));
        List<FunctionCallContent> requested = response.Messages[0].Contents.OfType<FunctionCallContent>().ToList();
        List<FunctionResultContent> results = response.Messages[1].Contents.OfType<FunctionResultContent>().ToList();
        Assert.Equal(["get_temperature", "get_humidity"], requested.Select(c => c.Name));
        Assert.Equal(requested.Select(c => c.CallId), results.Select(r => r.CallId));
        Assert.Equal(2, requested.Select(c => c.CallId).Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AToolThatThrows_SendsTheErrorBackToTheModel_AndTheLoopContinues(bool stream)
    {
        AIFunction broken = AIFunctionFactory.Create(string (string location) => throw new InvalidOperationException("sensor offline at " + location), "get_temperature", "Current temperature.");
        (IChatClient client, string key) = CreateClient(f => f.IncludeDetailedErrors = true);

        ChatResponse response = await Ask(client, new ChatOptions { ModelId = "sim-tools", Tools = [broken] }, stream);

        FunctionResultContent result = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>());
        Assert.IsType<InvalidOperationException>(result.Exception);
        Assert.Equal("Tool said: Error: Function failed. Exception: sensor offline at sample", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(2, Requests(key).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheIterationCap_StopsAModelThatKeepsCallingTools(bool stream)
    {
        int invocations = 0;
        AIFunction probe = AIFunctionFactory.Create((string location) => Interlocked.Increment(ref invocations), "probe", "Probes a location.");
        (IChatClient client, string key) = CreateClient(f => f.MaximumIterationsPerRequest = 3);

        ChatResponse response = await Ask(client, new ChatOptions { ModelId = "sim-tools-always", Tools = [probe] }, stream);

        // Three rounds of call-and-invoke, then one last request with tool calls turned off; its unexecuted calls are not run.
        Assert.Equal(3, invocations);
        Assert.Equal(4, Requests(key).Count);
        Assert.Equal(3, response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Count());
    }

    /// <summary>Creates the provider's chat client (through <see cref="AiClientFactory"/>, as applications do) wrapped in the tool loop.</summary>
    protected virtual (IChatClient Client, string Key) CreateClient(Action<FunctionInvokingChatClient> configure)
    {
        string key = Guid.NewGuid().ToString("N");
        var options = new AiOpsOptions { DefaultProvider = _provider };
        AiProviderSettings settings = options.GetProvider(_provider);
        settings.ApiKey = "sk-conformance-test";
        settings.BaseUrl = new Uri(_sim.BaseAddress, _basePath);
        settings.Headers["x-sim-key"] = key;
        _configure?.Invoke(settings);
        AiClient inner = AiClient.Create(options);
        _clients.Add(inner);
        IChatClient client = inner.ChatClient.AsBuilder().UseFunctionInvocation(configure: configure).Build();
        return (client, key);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (AiClient client in _clients)
        {
            client.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private static void Record(List<string> calls, string call)
    {
        lock (calls)
        {
            calls.Add(call);
        }
    }

    private static async Task<ChatResponse> Ask(IChatClient client, ChatOptions options, bool stream)
    {
        ChatMessage[] messages = [new(ChatRole.User, "What is the weather like?")];
        return stream
            ? await client.GetStreamingResponseAsync(messages, options).ToChatResponseAsync()
            : await client.GetResponseAsync(messages, options);
    }

    private IReadOnlyList<RecordedRequest> Requests(string key) =>
        _sim.Host.State.Requests.Where(r => r.Headers.TryGetValue("x-sim-key", out string? k) && k == key).ToList();
}
