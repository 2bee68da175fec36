// Licensed under the MIT License.

using System;

namespace AiOps.Tests.Configuration;

public sealed class AiDurationTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m", 60_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("30", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("00:00:30", 30_000)]
    [InlineData(" 45S ", 45_000)]
    public void TryParse_ValidText_ReturnsDuration(string text, double expectedMs)
    {
        Assert.True(AiDuration.TryParse(text, out TimeSpan value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("NaN")]
    [InlineData("ms")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(AiDuration.TryParse(text, out _));
    }
}
