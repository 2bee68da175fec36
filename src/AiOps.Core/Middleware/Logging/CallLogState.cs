// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiOps;

/// <summary>Writes the structured log lines of one call: completion (provider, model, tokens, duration, attempts, cost, cache hit,
/// request id), failure (kind, status, request id) and, only with <c>AI_LOG_CONTENT</c>, the content.</summary>
internal readonly struct CallLogState
{
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly long _start;
    private readonly string _operation;
    private readonly string _provider;
    private readonly string? _model;

    public CallLogState(ILogger logger, TimeProvider timeProvider, string operation, string provider, string? model)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _start = timeProvider.GetTimestamp();
        _operation = operation;
        _provider = provider;
        _model = model;
    }

    private double ElapsedMs => _timeProvider.GetElapsedTime(_start).TotalMilliseconds;

    public void Completed(AdditionalPropertiesDictionary? answer, string? responseModel, UsageDetails? usage)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        MiddlewareLog.Completed(
            _logger,
            _operation,
            ResponseAnnotations.GetString(answer, AiResponseProperties.Provider) ?? _provider,
            responseModel ?? _model,
            ElapsedMs,
            usage?.InputTokenCount,
            usage?.OutputTokenCount,
            ResponseAnnotations.GetInt(answer, AiResponseProperties.Attempts) ?? 1,
            ResponseAnnotations.GetDecimal(answer, AiResponseProperties.Cost),
            ResponseAnnotations.IsTrue(answer, AiResponseProperties.CacheHit),
            ResponseAnnotations.GetString(answer, AiResponseProperties.RequestId));
    }

    public void Failed(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            MiddlewareLog.Canceled(_logger, _operation, _provider, _model, ElapsedMs);
            return;
        }

        var ai = exception as AiException;
        MiddlewareLog.Failed(_logger, _operation, ai?.Provider ?? _provider, _model, ElapsedMs, ResilienceClassifier.ErrorType(exception), ai?.StatusCode, ai?.RequestId, exception);
    }

    public void Request(IEnumerable<ChatMessage> messages)
    {
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var sb = new StringBuilder();
        foreach (ChatMessage message in messages)
        {
            _ = sb.Append('[').Append(message.Role.Value).Append("] ").Append(message.Text).Append('\n');
        }

        MiddlewareLog.RequestContent(_logger, _operation, _provider, _model, sb.ToString());
    }

    public void Request(IEnumerable<string> values)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            MiddlewareLog.RequestContent(_logger, _operation, _provider, _model, string.Join('\n', values));
        }
    }

    public void Response(string text)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            MiddlewareLog.ResponseContent(_logger, _operation, _provider, _model, text);
        }
    }
}
