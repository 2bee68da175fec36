// Licensed under the MIT License.

using System;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell.Tests;

public sealed class TokenCounterTests
{
    [Theory]
    [InlineData("gpt-4o", "o200k_base")]
    [InlineData("gpt-4o-mini", "o200k_base")]
    [InlineData("gpt-4.1-nano", "o200k_base")]
    [InlineData("gpt-5", "o200k_base")]
    [InlineData("o3-mini", "o200k_base")]
    [InlineData("o4-mini", "o200k_base")]
    [InlineData("gpt-4", "cl100k_base")]
    [InlineData("gpt-4-turbo", "cl100k_base")]
    [InlineData("gpt-3.5-turbo", "cl100k_base")]
    [InlineData("text-embedding-3-small", "cl100k_base")]
    [InlineData("claude-sonnet-4-5", "estimate")]
    [InlineData("gemini-2.5-flash", "estimate")]
    [InlineData("ollama", "estimate")]
    [InlineData(null, "estimate")]
    public void EncodingFor_PicksTheModelFamilysEncoding(string? model, string encoding) =>
        Assert.Equal(encoding, TokenCounter.EncodingFor(model));

    [Fact]
    public void Count_IsExactForOpenAIModelsAndAnEstimateOtherwise()
    {
        TokenCountData exact = TokenCounter.Count("Hello world", "gpt-4o", "openai");
        TokenCountData estimate = TokenCounter.Count(new string('x', 41), "claude-sonnet-4-5", "openai");

        Assert.Equal((2, "o200k_base", false), (exact.Tokens, exact.Encoding, exact.IsEstimate));
        Assert.Equal((11, "estimate", true), (estimate.Tokens, estimate.Encoding, estimate.IsEstimate));
    }
}
