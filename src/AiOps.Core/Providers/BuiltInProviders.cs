// Licensed under the MIT License.

namespace AiOps;

/// <summary>The one place built-in providers are registered: adding a provider adds one line here.</summary>
internal static class BuiltInProviders
{
    /// <summary>Registers every built-in provider.</summary>
    public static void RegisterAll(AiProviderRegistry registry)
    {
        // One line per provider; keep alphabetical.
        registry.Register(new AnthropicProvider());
        registry.Register(new GeminiProvider());
    }
}
