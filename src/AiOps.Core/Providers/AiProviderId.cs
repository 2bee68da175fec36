// Licensed under the MIT License.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps;

/// <summary>Identifies a provider (<c>openai</c>, <c>anthropic</c>, …). An open set: third-party providers register their own ids.</summary>
/// <remarks>Names compare case-insensitively and without hyphens or underscores, so <c>AzureOpenAI</c> equals <c>azure-openai</c>;
/// <c>Gemini</c> is an alias of <c>google</c>.</remarks>
[JsonConverter(typeof(Converter))]
public readonly struct AiProviderId : IEquatable<AiProviderId>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="AiProviderId"/> struct, normalising the name.</summary>
    /// <param name="value">The provider name in any spelling DESIGN.md accepts.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty.</exception>
    public AiProviderId(string value)
    {
        _value = Normalize(Throw.IfNullOrWhitespace(value));
    }

    /// <summary>Gets OpenAI (<c>api.openai.com</c>).</summary>
    public static AiProviderId OpenAI { get; } = new("openai");

    /// <summary>Gets Anthropic (Claude, Messages API).</summary>
    public static AiProviderId Anthropic { get; } = new("anthropic");

    /// <summary>Gets Google Gemini (the Developer API, <c>v1beta</c>).</summary>
    public static AiProviderId Google { get; } = new("google");

    /// <summary>Gets Azure OpenAI.</summary>
    public static AiProviderId AzureOpenAI { get; } = new("azure-openai");

    /// <summary>Gets Ollama (through its OpenAI-compatible <c>/v1</c> surface).</summary>
    public static AiProviderId Ollama { get; } = new("ollama");

    /// <summary>Gets any OpenAI-compatible server (vLLM, LM Studio, Groq, Mistral, …) at <c>AI_BASE_URL</c>.</summary>
    public static AiProviderId OpenAICompatible { get; } = new("openai-compatible");

    /// <summary>Gets the offline, in-process embedding provider.</summary>
    public static AiProviderId Local { get; } = new("local");

    /// <summary>Gets the canonical name (lower case, hyphenated).</summary>
    public string Value => _value ?? "openai";

    /// <summary>Returns whether two ids name the same provider.</summary>
    public static bool operator ==(AiProviderId left, AiProviderId right) => left.Equals(right);

    /// <summary>Returns whether two ids name different providers.</summary>
    public static bool operator !=(AiProviderId left, AiProviderId right) => !left.Equals(right);

    /// <summary>Normalises a provider name to its canonical form.</summary>
    /// <param name="name">Any accepted spelling.</param>
    /// <returns>The canonical name.</returns>
    public static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        int n = 0;
        foreach (char c in name.AsSpan().Trim())
        {
            if (c is '-' or '_' or ' ' or '.')
            {
                continue;
            }

            if (n == buffer.Length)
            {
                break;
            }

            buffer[n++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..n]) switch
        {
            "openai" => "openai",
            "anthropic" or "claude" => "anthropic",
            "google" or "gemini" or "googlegemini" => "google",
            "azureopenai" or "azure" => "azure-openai",
            "ollama" => "ollama",
            "openaicompatible" or "compatible" => "openai-compatible",
            "local" => "local",
            var other => other,
        };
    }

    /// <summary>Parses a name, failing when it is empty.</summary>
    /// <param name="value">The name.</param>
    /// <param name="id">The id.</param>
    /// <returns>Whether the name was usable.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out AiProviderId id)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            id = default;
            return false;
        }

        id = new AiProviderId(value);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(AiProviderId other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is AiProviderId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Reads and writes the id as its canonical string.</summary>
    public sealed class Converter : JsonConverter<AiProviderId>
    {
        /// <inheritdoc/>
        public override AiProviderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("A provider id must be a string."));

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, AiProviderId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
