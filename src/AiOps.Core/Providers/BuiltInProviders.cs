// Licensed under the MIT License.

namespace AiOps;

/// <summary>The one place built-in providers are registered: adding a provider adds one line here.</summary>
internal static class BuiltInProviders
{
    /// <summary>Registers every built-in provider.</summary>
    public static void RegisterAll(AiProviderRegistry registry)
    {
        // One line per provider; keep alphabetical.
        _ = registry.Register(new AnthropicProvider());
        _ = registry.Register(new AzureOpenAIProvider());
        _ = registry.Register(new GeminiProvider());
        _ = registry.Register(new OllamaProvider());
        _ = registry.Register(new OpenAICompatibleProvider());
        _ = registry.Register(new OpenAIProvider());
    }
}
