// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.Gateway.Tests;

/// <summary>An in-process provider whose answers are scripted by model name, recording every call (a test double, not a mock).</summary>
/// <remarks>Models: <c>echo</c> (default) answers <c>echo: &lt;last user text&gt;</c>; <c>tools</c> calls the declared tools;
/// <c>fail-&lt;Kind&gt;</c> throws that <see cref="AiErrorKind"/>; streams: <c>gate</c> waits for <see cref="Gate"/> before its last update,
/// <c>midfail</c> fails after one update, <c>hang</c> waits for cancellation.</remarks>
public sealed class ScriptedProvider : AiProvider
{
    private readonly string _id;

    public ScriptedProvider(string id = "test") => _id = id;

    public override AiProviderId Id => new(_id);

    public override string DisplayName => "Scripted " + _id;

    public override bool RequiresApiKey => false;

    public override string? DefaultChatModel => "echo";

    public override string? DefaultEmbeddingModel => "embed";

    public override int MaxEmbeddingBatchSize => 4;

    public ConcurrentQueue<ScriptedCall> Calls { get; } = new();

    /// <summary>Gets the attempts per <c>flaky-…</c> model: the first attempt of each fails with a retryable 503.</summary>
    public ConcurrentDictionary<string, int> FlakyAttempts { get; } = new(StringComparer.Ordinal);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets what a call to the <c>slow</c> model does while "waiting" for the provider (tests advance a fake clock here).</summary>
    public Action? OnSlowCall { get; set; }

    public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource StreamStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override IChatClient CreateChatClient(AiProviderContext context) => new Chat(this, context);

    public override IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiProviderContext context) => new Embeddings(this);

    internal static AiException Failure(string model, string provider)
    {
        string kindText = model["fail-".Length..];
        AiErrorKind kind = Enum.Parse<AiErrorKind>(kindText, ignoreCase: true);
        return new AiException(kind, $"Scripted {kind} from {provider}.")
        {
            Provider = provider,
            StatusCode = kind switch { AiErrorKind.RateLimited => 429, AiErrorKind.ServerError => 500, AiErrorKind.InvalidRequest => 400, _ => null },
            RetryAfter = kind == AiErrorKind.RateLimited ? TimeSpan.FromSeconds(7) : null,
        };
    }

    private sealed class Chat(ScriptedProvider owner, AiProviderContext context) : IChatClient
    {
        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            List<ChatMessage> list = messages.ToList();
            string model = options?.ModelId ?? "echo";
            string? apiKey = await context.GetApiKeyAsync(cancellationToken);
            owner.Calls.Enqueue(new ScriptedCall(owner._id, model, list, options, Streaming: false) { ApiKey = apiKey });
            if (model.StartsWith("fail-", StringComparison.Ordinal))
            {
                throw Failure(model, owner._id);
            }

            if (model == "slow")
            {
                owner.OnSlowCall?.Invoke();
            }

            if (model.StartsWith("flaky-", StringComparison.Ordinal) && owner.FlakyAttempts.AddOrUpdate(model, 1, (_, n) => n + 1) == 1)
            {
                throw new AiException(AiErrorKind.ServerError, $"Scripted transient 503 from {owner._id}.") { Provider = owner._id, StatusCode = 503, IsRetryable = true };
            }

            ChatResponse response;
            if (model == "tools" && options?.Tools is { Count: > 0 } tools)
            {
                var message = new ChatMessage(ChatRole.Assistant, [.. tools.Select((t, i) => (AIContent)new FunctionCallContent($"call_{i + 1}", t.Name, new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = i + 1 }))]);
                response = new ChatResponse(message) { FinishReason = ChatFinishReason.ToolCalls };
            }
            else
            {
                response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + LastUserText(list))) { FinishReason = ChatFinishReason.Stop };
            }

            response.ModelId = model;
            response.ResponseId = "resp-scripted";
            response.Usage = new UsageDetails { InputTokenCount = 3, OutputTokenCount = 2, TotalTokenCount = 5, CachedInputTokenCount = 1 };
            response.AdditionalProperties = new AdditionalPropertiesDictionary { [AiResponseProperties.RequestId] = "upstream-req-1" };
            return response;
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            List<ChatMessage> list = messages.ToList();
            string model = options?.ModelId ?? "echo";
            owner.Calls.Enqueue(new ScriptedCall(owner._id, model, list, options, Streaming: true));
            await Task.Yield();
            if (model.StartsWith("fail-", StringComparison.Ordinal))
            {
                throw Failure(model, owner._id);
            }

            owner.StreamStarted.TrySetResult();
            switch (model)
            {
                case "gate":
                    yield return Update("first ", model);
                    await owner.Gate.Task.WaitAsync(cancellationToken);
                    yield return Update("last", model);
                    break;
                case "midfail":
                    yield return Update("partial", model);
                    throw new AiException(AiErrorKind.StreamInterrupted, "The scripted stream was cut.") { Provider = owner._id };
                case "hang":
                    yield return Update("started", model);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                    finally
                    {
                        owner.Cancelled.TrySetResult(cancellationToken.IsCancellationRequested);
                    }

                    break;
                case "tools":
                    var tools = options?.Tools ?? [];
                    yield return new ChatResponseUpdate(ChatRole.Assistant, [.. tools.Select((t, i) => (AIContent)new FunctionCallContent($"call_{i + 1}", t.Name, new Dictionary<string, object?> { ["city"] = "Paris" }))])
                    {
                        ModelId = model,
                        ResponseId = "resp-stream",
                        FinishReason = ChatFinishReason.ToolCalls,
                    };
                    break;
                default:
                    foreach (string word in ("echo: " + LastUserText(list)).Split(' '))
                    {
                        yield return Update(word + " ", model);
                    }

                    break;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 4, OutputTokenCount = 6, TotalTokenCount = 10 })])
            {
                FinishReason = model == "tools" ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
                ModelId = model,
            };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(owner._id) : null;

        public void Dispose()
        {
        }

        private static ChatResponseUpdate Update(string text, string model) => new(ChatRole.Assistant, text) { ModelId = model, ResponseId = "resp-stream" };

        private static string LastUserText(List<ChatMessage> messages) => messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;
    }

    private sealed class Embeddings(ScriptedProvider owner) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            List<string> inputs = values.ToList();
            string model = options?.ModelId ?? "embed";
            owner.Calls.Enqueue(new ScriptedCall(owner._id, model, [.. inputs.Select(i => new ChatMessage(ChatRole.User, i))], null, Streaming: false) { Dimensions = options?.Dimensions });
            if (model.StartsWith("fail-", StringComparison.Ordinal))
            {
                throw Failure(model, owner._id);
            }

            int dims = options?.Dimensions ?? 3;
            var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Select(text => new Embedding<float>(Vector(text, dims)) { ModelId = model }))
            {
                Usage = new UsageDetails { InputTokenCount = inputs.Count, TotalTokenCount = inputs.Count },
            };
            return Task.FromResult(result);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>The deterministic vector the scripted embeddings return for a text.</summary>
    public static float[] Vector(string text, int dims)
    {
        var v = new float[dims];
        for (int i = 0; i < dims; i++)
        {
            v[i] = (text.Length + i) / 10f + 0.125f;
        }

        return v;
    }
}
