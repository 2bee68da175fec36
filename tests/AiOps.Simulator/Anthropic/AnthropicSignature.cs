// Licensed under the MIT License.

using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiOps.Simulator.Anthropic;

/// <summary>The simulator's thinking signatures: a hash of the thinking text, so a signature sent back with altered text is rejected
/// as the real API rejects it.</summary>
public static class AnthropicSignature
{
    public static string For(string thinking) =>
        "EqSim" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(thinking)));

    public static bool Verify(JsonElement block) =>
        block.TryGetProperty("thinking", out JsonElement thinking) && block.TryGetProperty("signature", out JsonElement signature) &&
        signature.GetString() == For(thinking.GetString() ?? string.Empty);
}
