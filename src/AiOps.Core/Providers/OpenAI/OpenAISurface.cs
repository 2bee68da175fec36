// Licensed under the MIT License.

namespace AiOps;

/// <summary>Which OpenAI-shaped HTTP surface a client talks to; it decides URLs, auth and a few wire choices.</summary>
internal enum OpenAISurface
{
    /// <summary>api.openai.com (or <c>OPENAI_BASE_URL</c>): <c>{base}/chat/completions</c>, model in the body.</summary>
    OpenAI,

    /// <summary>Azure OpenAI classic: <c>{endpoint}/openai/deployments/{deployment}/…?api-version=…</c>, no model in the body.</summary>
    AzureDeployments,

    /// <summary>Azure OpenAI v1: <c>{endpoint}/openai/v1/…</c>, the deployment as the body's model.</summary>
    AzureV1,

    /// <summary>Any OpenAI-compatible server (Ollama, vLLM, LM Studio, Groq, …): <c>{base}/chat/completions</c>.</summary>
    Compatible,
}
