// Licensed under the MIT License.

using System;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell.Tests;

public sealed class ErrorDescriberTests
{
    [Theory]
    [InlineData(AiErrorKind.MissingApiKey, true)]
    [InlineData(AiErrorKind.Authentication, true)]
    [InlineData(AiErrorKind.QuotaExceeded, true)]
    [InlineData(AiErrorKind.InvalidConfiguration, true)]
    [InlineData(AiErrorKind.NotSupported, true)]
    [InlineData(AiErrorKind.RateLimited, false)]
    [InlineData(AiErrorKind.InvalidRequest, false)]
    [InlineData(AiErrorKind.ServerError, false)]
    [InlineData(AiErrorKind.StreamInterrupted, false)]
    public void CommandWide_OnlyForFailuresEveryItemWouldHit(AiErrorKind kind, bool commandWide)
    {
        ErrorInfo info = ErrorDescriber.Describe(new AiException(kind, "m"))!;

        Assert.Equal(kind.ToString(), info.Kind);
        Assert.Equal(commandWide, info.IsCommandWide);
        Assert.False(string.IsNullOrWhiteSpace(info.RecommendedAction));
    }

    [Fact]
    public void RateLimited_RecommendsTheWaitTheProviderAskedFor()
    {
        ErrorInfo info = ErrorDescriber.Describe(new AiException(AiErrorKind.RateLimited, "m") { RetryAfter = TimeSpan.FromMilliseconds(1500), Provider = "openai", StatusCode = 429 })!;

        Assert.StartsWith("Wait 1.5 s and retry", info.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), info.RetryAfter);
        Assert.Equal("RateLimited from openai (HTTP 429)", info.Summary);
    }

    [Fact]
    public void OtherExceptions_AreNotDescribed() => Assert.Null(ErrorDescriber.Describe(new InvalidOperationException("x")));
}
