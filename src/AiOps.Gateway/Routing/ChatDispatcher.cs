// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps.Gateway;

/// <summary>Sends a routed request to its targets in order, through each provider's full AiOps pipeline (one <see cref="AiClient"/> per provider
/// from <see cref="AiClientFactory"/>), moving to the next target on failures another provider may not have.</summary>
/// <remarks>A stream fails over only before its first update reaches the gateway; after that the caller gets the error.</remarks>
internal sealed partial class ChatDispatcher
{
    private readonly AiClientFactory _factory;
    private readonly ILogger _logger;

    public ChatDispatcher(AiClientFactory factory, ILogger<ChatDispatcher> logger)
    {
        _factory = factory;
        _logger = logger;
    }

    /// <summary>Gets whether an error may be cured by another target: everything except errors in the request itself.</summary>
    public static bool ShouldFailOver(AiException ex) => ex.Kind is not (
        AiErrorKind.InvalidRequest or AiErrorKind.ContextLengthExceeded or AiErrorKind.ContentFiltered or AiErrorKind.BudgetExceeded);

    public async Task<Dispatched<ChatResponse>> ChatAsync(ModelRoute route, IReadOnlyList<ChatMessage> messages, ChatOptions options, GatewayRequest? request, CancellationToken cancellationToken)
    {
        List<string>? tried = null;
        for (int i = 0; ; i++)
        {
            RouteTarget target = route.Targets[i];
            AiClient client = _factory.GetClient(target.Provider);
            ChatOptions attempt = For(options, target, client);
            request?.UpstreamStarted();
            try
            {
                ChatResponse response = await client.ChatAsync(messages, attempt, cancellationToken).ConfigureAwait(false);
                return new Dispatched<ChatResponse>(response, target with { Model = attempt.ModelId }, Join(tried));
            }
            catch (AiException ex) when (i < route.Targets.Count - 1 && ShouldFailOver(ex))
            {
                LogFailover(_logger, request?.RequestId ?? "batch", target.ToString(), ex.ToSummary());
                (tried ??= []).Add(target.ToString());
            }
            catch (Exception ex) when (ex is not (AiException or OperationCanceledException or GatewayException))
            {
                throw Unexpected(ex, target);
            }
            finally
            {
                request?.UpstreamStopped();
            }
        }
    }

    /// <summary>Starts a stream: returns once the first update has arrived (or the stream ended empty), failing over before that.</summary>
    public async Task<StreamStart> StartStreamAsync(ModelRoute route, IReadOnlyList<ChatMessage> messages, ChatOptions options, GatewayRequest? request, CancellationToken cancellationToken)
    {
        List<string>? tried = null;
        for (int i = 0; ; i++)
        {
            RouteTarget target = route.Targets[i];
            AiClient client = _factory.GetClient(target.Provider);
            ChatOptions attempt = For(options, target, client);
            IAsyncEnumerator<ChatResponseUpdate>? enumerator = null;
            request?.UpstreamStarted();
            try
            {
                enumerator = client.ChatStreamAsync(messages, attempt, cancellationToken).GetAsyncEnumerator(cancellationToken);
                bool hasFirst = await enumerator.MoveNextAsync().ConfigureAwait(false);
                return new StreamStart(enumerator, hasFirst, target with { Model = attempt.ModelId }, Join(tried));
            }
            catch (AiException ex) when (i < route.Targets.Count - 1 && ShouldFailOver(ex))
            {
                LogFailover(_logger, request?.RequestId ?? "batch", target.ToString(), ex.ToSummary());
                (tried ??= []).Add(target.ToString());
                await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await DisposeQuietlyAsync(enumerator).ConfigureAwait(false);
                if (ex is AiException or OperationCanceledException or GatewayException)
                {
                    throw;
                }

                throw Unexpected(ex, target);
            }
            finally
            {
                request?.UpstreamStopped();
            }
        }
    }

    public async Task<Dispatched<GeneratedEmbeddings<Embedding<float>>>> EmbedAsync(
        ModelRoute route, IReadOnlyList<string> inputs, EmbeddingGenerationOptions options, GatewayRequest? request, CancellationToken cancellationToken)
    {
        List<string>? tried = null;
        for (int i = 0; ; i++)
        {
            RouteTarget target = route.Targets[i];
            AiClient client = _factory.GetClient(target.Provider);
            EmbeddingGenerationOptions attempt = options.Clone();
            attempt.ModelId = target.Model ?? client.DefaultEmbeddingModel;
            request?.UpstreamStarted();
            try
            {
                GeneratedEmbeddings<Embedding<float>> result = await EmbedInBatchesAsync(client, inputs, attempt, cancellationToken).ConfigureAwait(false);
                return new Dispatched<GeneratedEmbeddings<Embedding<float>>>(result, target with { Model = attempt.ModelId }, Join(tried));
            }
            catch (AiException ex) when (i < route.Targets.Count - 1 && ShouldFailOver(ex))
            {
                LogFailover(_logger, request?.RequestId ?? "batch", target.ToString(), ex.ToSummary());
                (tried ??= []).Add(target.ToString());
            }
            catch (Exception ex) when (ex is not (AiException or OperationCanceledException or GatewayException))
            {
                throw Unexpected(ex, target);
            }
            finally
            {
                request?.UpstreamStopped();
            }
        }
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> EmbedInBatchesAsync(
        AiClient client, IReadOnlyList<string> inputs, EmbeddingGenerationOptions options, CancellationToken cancellationToken)
    {
        int max = _factory.Registry.TryGet(client.Provider, out AiProvider? provider) ? Math.Max(1, provider.MaxEmbeddingBatchSize) : inputs.Count;
        if (inputs.Count <= max)
        {
            return await client.EmbedAsync(inputs, options, cancellationToken).ConfigureAwait(false);
        }

        // Split across requests within the provider's limit (Gemini takes 100 per call), keeping input order.
        var all = new GeneratedEmbeddings<Embedding<float>>();
        UsageDetails? usage = null;
        for (int start = 0; start < inputs.Count; start += max)
        {
            var slice = new List<string>(Math.Min(max, inputs.Count - start));
            for (int j = start; j < inputs.Count && j < start + max; j++)
            {
                slice.Add(inputs[j]);
            }

            GeneratedEmbeddings<Embedding<float>> part = await client.EmbedAsync(slice, options, cancellationToken).ConfigureAwait(false);
            all.AddRange(part);
            if (part.Usage is not null)
            {
                usage ??= new UsageDetails();
                usage.Add(part.Usage);
            }
        }

        all.Usage = usage;
        return all;
    }

    private static ChatOptions For(ChatOptions options, RouteTarget target, AiClient client)
    {
        ChatOptions attempt = options.Clone();
        attempt.ModelId = target.Model ?? client.DefaultModel;
        return attempt;
    }

    private static string? Join(List<string>? tried) => tried is null ? null : string.Join(",", tried);

    private GatewayException Unexpected(Exception ex, RouteTarget target)
    {
        LogUnexpected(_logger, ex, target.ToString());
        return new GatewayException(new GatewayError(502, "server_error", "upstream_error",
            $"The call to {target.Provider} failed unexpectedly ({ex.GetType().Name}). The gateway log has the details.") { Provider = target.Provider.Value });
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncEnumerator<ChatResponseUpdate>? enumerator)
    {
        if (enumerator is null)
        {
            return;
        }

        try
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Disposing a failed stream must not hide the error that made us dispose it.
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Request {RequestId}: {Target} failed ({Error}); trying the next target.")]
    private static partial void LogFailover(ILogger logger, string requestId, string target, string error);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Error, Message = "The call to {Target} failed with an unexpected exception.")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string target);
}
