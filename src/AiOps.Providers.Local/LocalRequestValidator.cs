// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Checks a local embeddings request before any work starts.</summary>
internal static class LocalRequestValidator
{
    /// <summary>Validates and materialises the texts.</summary>
    /// <returns>The texts as a list.</returns>
    /// <exception cref="AiException">A text is <see langword="null"/>, another model is named, or other dimensions are asked for.</exception>
    public static IReadOnlyList<string> Validate(IEnumerable<string> values, EmbeddingGenerationOptions? options)
    {
        if (options?.ModelId is string model && !IsLocalModel(model))
        {
            throw new AiException(
                AiErrorKind.NotFound,
                $"The local provider runs one model, {LocalModelConstants.ModelId}; '{model}' is not available offline. Omit the model or name {LocalModelConstants.ModelId}, or use a hosted provider for other models.")
            {
                Provider = AiProviderId.Local.Value,
                Parameter = "model",
            };
        }

        if (options?.Dimensions is int dimensions && dimensions != LocalModelConstants.Dimensions)
        {
            throw new AiException(
                AiErrorKind.InvalidRequest,
                $"{LocalModelConstants.ModelId} produces {LocalModelConstants.Dimensions}-dimension vectors and cannot shorten them; {dimensions.ToString(CultureInfo.InvariantCulture)} dimensions were asked for. Omit the dimensions or pass {LocalModelConstants.Dimensions}.")
            {
                Provider = AiProviderId.Local.Value,
                Parameter = "dimensions",
            };
        }

        // A private copy: the work runs on another thread, and the caller may reuse its list.
        string[] texts = [.. values];
        for (int i = 0; i < texts.Length; i++)
        {
            if (texts[i] is null)
            {
                throw new AiException(AiErrorKind.InvalidRequest, $"input[{i.ToString(CultureInfo.InvariantCulture)}] is null. Pass a string (an empty string is allowed).")
                {
                    Provider = AiProviderId.Local.Value,
                    Parameter = $"input[{i.ToString(CultureInfo.InvariantCulture)}]",
                };
            }
        }

        return texts;
    }

    /// <summary>Returns whether a model name means the bundled model (<c>all-minilm-l6-v2</c> in any case, or its Hugging Face name).</summary>
    public static bool IsLocalModel(string model) =>
        string.Equals(model, LocalModelConstants.ModelId, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(model, LocalModelConstants.HuggingFaceModelId, StringComparison.OrdinalIgnoreCase);
}
