// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Logs every chat call as one structured line: provider, model, duration, tokens, attempts, cost, cache hit and request id on
/// success (Information); error kind, status and request id on failure (Warning).</summary>
/// <remarks>
/// <para>Prompts and answers are logged (Debug) only when <see cref="LogContent"/> is on (<c>AI_LOG_CONTENT</c>); keys never are.
/// Durations come from the <see cref="TimeProvider"/>. Unlike Microsoft.Extensions.AI's <c>LoggingChatClient</c>, which logs
/// serialized content at Trace, this layer writes the operational fields an on-call engineer needs.</para>
/// <para>This type is thread-safe.</para>
/// </remarks>
public sealed class AiOpsLoggingChatClient : DelegatingChatClient
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly string _provider;

    /// <summary>Initializes a new instance of the <see cref="AiOpsLoggingChatClient"/> class.</summary>
    /// <param name="innerClient">The client whose calls are logged.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="logContent">Whether prompts and answers are logged.</param>
    /// <param name="timeProvider">The clock for durations.</param>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    public AiOpsLoggingChatClient(IChatClient innerClient, ILogger logger, bool logContent = false, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        _logger = Throw.IfNull(logger);
        LogContent = logContent;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _provider = ProviderNames.Of(innerClient);
    }

    /// <summary>Gets a value indicating whether prompts and answers are logged.</summary>
    /// <value>The default value is <see langword="false"/>: content often holds personal or confidential data.</value>
    public bool LogContent { get; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var log = new CallLogState(_logger, _timeProvider, "chat", _provider, options?.ModelId);
        if (LogContent)
        {
            log.Request(messages);
        }

        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex)
        {
            log.Failed(ex);
            throw;
        }

        log.Completed(response.AdditionalProperties, response.ModelId, response.Usage);
        if (LogContent)
        {
            log.Response(response.Text);
        }

        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var log = new CallLogState(_logger, _timeProvider, "chat stream", _provider, options?.ModelId);
        if (LogContent)
        {
            log.Request(messages);
        }

        var answer = new AdditionalPropertiesDictionary();
        UsageDetails? usage = null;
        string? model = null;
        StringBuilder? text = LogContent ? new StringBuilder() : null;
        IAsyncEnumerator<ChatResponseUpdate> e = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await e.MoveNextAsync())
                    {
                        break;
                    }

                    update = e.Current;
                }
                catch (Exception ex)
                {
                    log.Failed(ex);
                    throw;
                }

                if (update.AdditionalProperties is { } props)
                {
                    foreach (KeyValuePair<string, object?> pair in props)
                    {
                        answer[pair.Key] = pair.Value;
                    }
                }

                model = update.ModelId ?? model;
                foreach (AIContent content in update.Contents)
                {
                    switch (content)
                    {
                        case UsageContent u:
                            (usage ??= new()).Add(u.Details);
                            break;
                        case TextContent t when text is not null:
                            _ = text.Append(t.Text);
                            break;
                    }
                }

                yield return update;
            }

            log.Completed(answer, model, usage);
            if (text is not null)
            {
                log.Response(text.ToString());
            }
        }
        finally
        {
            await e.DisposeAsync();
        }
    }
}
