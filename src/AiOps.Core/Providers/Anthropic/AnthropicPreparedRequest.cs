// Licensed under the MIT License.

namespace AiOps;

/// <summary>A request ready to send: the serialized body, the <c>anthropic-beta</c> header value and the wire model (for tests and logs).</summary>
/// <param name="Body">The UTF-8 JSON body.</param>
/// <param name="Beta">The <c>anthropic-beta</c> header value, or <see langword="null"/> for none.</param>
/// <param name="Request">The wire model the body was serialized from.</param>
internal sealed record AnthropicPreparedRequest(byte[] Body, string? Beta, AnthropicRequest Request);
