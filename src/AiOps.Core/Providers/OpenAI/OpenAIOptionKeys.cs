// Licensed under the MIT License.

using System;

namespace AiOps;

/// <summary>The <c>ChatOptions.AdditionalProperties</c> / <c>EmbeddingGenerationOptions.AdditionalProperties</c> keys the
/// OpenAI-family providers read (docs/providers.md lists them).</summary>
internal static class OpenAIOptionKeys
{
    /// <summary>Consumed, not sent: <c>"developer"</c> or <c>"system"</c> forces the role of system prompts.</summary>
    public const string SystemRole = "system_role";

    /// <summary>Consumed, not sent: a <see cref="bool"/> that sets <c>strict</c> on the JSON schema and on every function tool
    /// (the key Microsoft.Extensions.AI's OpenAI adapter uses).</summary>
    public const string StrictJsonSchema = "strictJsonSchema";

    /// <summary>An object whose members are merged into the request body as they are (like openai-python's <c>extra_body</c>);
    /// they win over every field AiOps computes except <c>model</c>, <c>messages</c>/<c>input</c> and <c>stream</c>.</summary>
    public const string ExtraBody = "extra_body";

    /// <summary>Request fields passed through unchanged when present in <c>AdditionalProperties</c> (chat). A pass-through field
    /// wins over the one AiOps computes from <c>ChatOptions</c> (<c>max_tokens</c> or <c>max_completion_tokens</c> replace the
    /// computed output cap).</summary>
    public static readonly string[] ChatPassThrough =
    [
        "user", "logprobs", "top_logprobs", "logit_bias", "store", "metadata", "service_tier", "reasoning_effort",
        "safety_identifier", "prompt_cache_key", "prompt_cache_retention", "verbosity", "modalities", "audio", "prediction",
        "web_search_options", "parallel_tool_calls", "max_tokens", "max_completion_tokens",

        // Azure OpenAI "On Your Data".
        "data_sources",

        // Common extensions of OpenAI-compatible servers (vLLM, Ollama, LM Studio).
        "top_k", "min_p", "repetition_penalty", "keep_alive", "chat_template_kwargs", "reasoning",
    ];

    /// <summary>Request fields passed through unchanged when present in <c>EmbeddingGenerationOptions.AdditionalProperties</c>.</summary>
    public static readonly string[] EmbeddingPassThrough = ["user", "encoding_format", "input_type"];

    /// <summary>Returns whether <paramref name="key"/> is a chat pass-through field.</summary>
    public static bool IsChatPassThrough(string key) => Array.IndexOf(ChatPassThrough, key) >= 0;

    /// <summary>Returns whether <paramref name="key"/> is an embeddings pass-through field.</summary>
    public static bool IsEmbeddingPassThrough(string key) => Array.IndexOf(EmbeddingPassThrough, key) >= 0;
}
