// Licensed under the MIT License.

using System;
using System.Management.Automation;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary>Builds <see cref="ErrorRecord"/>s from engine failures: the exception inside, a category from the <c>AiException</c>
/// kind, the error id <c>&lt;Cmdlet&gt;&lt;Kind&gt;</c>, the target object and a recommended action.</summary>
internal static class ErrorRecords
{
    /// <summary>Builds the record.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="commandPrefix">The cmdlet name without the hyphen (<c>InvokeAiChat</c>).</param>
    /// <param name="target">The pipeline object or parameter the error is about.</param>
    /// <param name="commandWide">Whether the failure stops the whole command (set from the error kind).</param>
    public static ErrorRecord From(Exception exception, string commandPrefix, object? target, out bool commandWide)
    {
        Exception inner = Unwrap(exception);
        ErrorInfo? info = ErrorDescriber.Describe(inner);
        if (info is null)
        {
            commandWide = inner is ArgumentException;
            var plain = new ErrorRecord(inner, commandPrefix + inner.GetType().Name, inner is ArgumentException ? ErrorCategory.InvalidArgument : ErrorCategory.NotSpecified, target);
            return plain;
        }

        commandWide = info.IsCommandWide;
        var record = new ErrorRecord(inner, commandPrefix + info.Kind, Category(info.Kind), target)
        {
            ErrorDetails = new ErrorDetails(inner.Message) { RecommendedAction = info.RecommendedAction },
        };
        record.CategoryInfo.Reason = info.Kind;
        if (info.Provider is not null)
        {
            record.CategoryInfo.TargetName = target is null ? info.Provider : record.CategoryInfo.TargetName;
        }

        return record;
    }

    /// <summary>Builds a record for bad input found by the cmdlet itself.</summary>
    public static ErrorRecord Invalid(string message, string errorId, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    /// <summary>Maps an <c>AiErrorKind</c> name to a PowerShell category.</summary>
    public static ErrorCategory Category(string kind) => kind switch
    {
        "InvalidConfiguration" => ErrorCategory.InvalidArgument,
        "MissingApiKey" => ErrorCategory.AuthenticationError,
        "InvalidRequest" => ErrorCategory.InvalidArgument,
        "Authentication" => ErrorCategory.AuthenticationError,
        "PermissionDenied" => ErrorCategory.PermissionDenied,
        "NotFound" => ErrorCategory.ObjectNotFound,
        "RateLimited" => ErrorCategory.LimitsExceeded,
        "QuotaExceeded" => ErrorCategory.QuotaExceeded,
        "ContextLengthExceeded" => ErrorCategory.LimitsExceeded,
        "ContentFiltered" => ErrorCategory.SecurityError,
        "Timeout" => ErrorCategory.OperationTimeout,
        "ServerError" => ErrorCategory.ConnectionError,
        "Overloaded" => ErrorCategory.ResourceBusy,
        "CircuitOpen" => ErrorCategory.ResourceUnavailable,
        "StreamInterrupted" => ErrorCategory.ConnectionError,
        "NotSupported" => ErrorCategory.NotImplemented,
        "BudgetExceeded" => ErrorCategory.QuotaExceeded,
        "InvalidResponse" => ErrorCategory.InvalidResult,
        _ => ErrorCategory.NotSpecified,
    };

    private static Exception Unwrap(Exception exception)
    {
        Exception e = exception;
        while ((e is AggregateException { InnerExceptions.Count: 1 } || e is System.Reflection.TargetInvocationException) && e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
