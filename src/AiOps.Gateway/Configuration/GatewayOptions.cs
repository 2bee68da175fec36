// Licensed under the MIT License.

using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>How the gateway authenticates callers and what it accepts: keys, limits and batch settings.</summary>
/// <remarks>Read by <see cref="GatewayConfiguration.FromConfiguration"/> from <c>AIOPS_GATEWAY_KEYS</c>,
/// <c>AIOPS_GATEWAY_ALLOW_ANONYMOUS</c> and section <c>AiOps:Gateway</c>. Providers are configured separately
/// (<see cref="AiOpsOptions"/>); a caller can never change them.</remarks>
public sealed class GatewayOptions
{
    /// <summary>The default body limit for chat, embeddings and native requests (4 MB).</summary>
    public const long DefaultMaxRequestBodyBytes = 4L * 1024 * 1024;

    /// <summary>Gets the caller keys. Each has a name, a secret reference and optional per-key rules.</summary>
    public IList<GatewayKeyOptions> Keys { get; } = new List<GatewayKeyOptions>();

    /// <summary>Gets or sets a value indicating whether requests without a key are accepted (loopback callers only).</summary>
    /// <value>The default value is <see langword="false"/>: with no keys configured the gateway refuses to start.</value>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the largest request body for chat, embeddings and native requests, in bytes (413 above it).</summary>
    /// <value>The default value is 4 MB.</value>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Gets or sets the largest batch submission body, in bytes (413 above it).</summary>
    /// <value>The default value is 100 MB.</value>
    public long MaxBatchBodyBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Gets or sets the most messages one chat request may carry (400 above it).</summary>
    /// <value>The default value is 2048.</value>
    public int MaxMessages { get; set; } = 2048;

    /// <summary>Gets or sets the highest <c>max_tokens</c> / <c>max_completion_tokens</c> a caller may ask for (400 above it).</summary>
    /// <value>The default value is 128,000.</value>
    public int MaxTokens { get; set; } = 128_000;

    /// <summary>Gets or sets the most inputs one embeddings request may carry (400 above it).</summary>
    /// <value>The default value is 2048 (OpenAI's own limit).</value>
    public int MaxEmbeddingInputs { get; set; } = 2048;

    /// <summary>Gets the batch job settings.</summary>
    public BatchOptions Batch { get; } = new();

    /// <summary>Checks the settings and reports every problem in one <see cref="AiException"/>.</summary>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidConfiguration"/>: a value is out of range, or no key is configured
    /// and <see cref="AllowAnonymous"/> is off.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Keys.Count == 0 && !AllowAnonymous)
        {
            problems.Add("No gateway keys are configured. Set AIOPS_GATEWAY_KEYS (comma-separated keys or Key Vault references) or AiOps:Gateway:Keys:<name>:Key; " +
                "for loopback development only, set AIOPS_GATEWAY_ALLOW_ANONYMOUS=true.");
        }

        foreach (GatewayKeyOptions key in Keys)
        {
            if (string.IsNullOrWhiteSpace(key.Key))
            {
                problems.Add($"Gateway key '{key.Name}' has rules but no key: set AiOps:Gateway:Keys:{key.Name}:Key.");
            }

            if (key.RequestsPerMinute < 0)
            {
                problems.Add($"AiOps:Gateway:Keys:{key.Name}:RequestsPerMinute must be 0 (no limit) or more.");
            }
        }

        if (MaxRequestBodyBytes < 1024)
        {
            problems.Add("AiOps:Gateway:MaxRequestBodyBytes must be at least 1024.");
        }

        if (MaxBatchBodyBytes < 1024)
        {
            problems.Add("AiOps:Gateway:MaxBatchBodyBytes must be at least 1024.");
        }

        if (MaxMessages < 1)
        {
            problems.Add("AiOps:Gateway:MaxMessages must be at least 1.");
        }

        if (MaxTokens < 1)
        {
            problems.Add("AiOps:Gateway:MaxTokens must be at least 1.");
        }

        if (MaxEmbeddingInputs < 1)
        {
            problems.Add("AiOps:Gateway:MaxEmbeddingInputs must be at least 1.");
        }

        Batch.Validate(problems);
        if (problems.Count > 0)
        {
            throw new AiException(AiErrorKind.InvalidConfiguration, "Invalid AiOps gateway configuration: " + string.Join(" ", problems));
        }
    }
}
