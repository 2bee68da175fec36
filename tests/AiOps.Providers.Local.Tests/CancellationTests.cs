// Licensed under the MIT License.

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.Tests;

public class CancellationTests
{
    private static readonly string[] Texts = Enumerable.Range(0, 10).Select(i => $"log line number {i} about a failing disk").ToArray();

    [Fact]
    public async Task A_cancelled_token_stops_before_any_model_pass()
    {
        var encoder = new RecordingEncoder();
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 2 }, null, () => encoder);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(Texts, cancellationToken: cts.Token));

        Assert.Empty(encoder.Batches);
    }

    [Fact]
    public async Task Cancelling_between_batches_stops_before_the_next_pass()
    {
        using var cts = new CancellationTokenSource();
        var recorder = new RecordingEncoder();
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 2 }, null, () => new CancelAfterPass(recorder, cts, pass: 0));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(Texts, cancellationToken: cts.Token));

        // Five passes were planned (10 texts, 2 per pass); only the first ran, and it was not interrupted.
        Assert.Single(recorder.Batches);
        Assert.Equal(0, recorder.PassesCancelledInFlight);
    }

    [Fact]
    public async Task Cancelling_inside_a_pass_terminates_the_model_run()
    {
        using var cts = new CancellationTokenSource();

        // Cancel right before the model runs: the registration sets ONNX Runtime's terminate flag, and the run itself
        // reports the cancellation (not the check between batches).
        var encoder = new RecordingEncoder { BeforePass = (_, _) => cts.Cancel() };
        using var generator = new LocalEmbeddingGenerator(new LocalEmbeddingOptions { MaxBatchSize = 32 }, null, () => encoder);

        OperationCanceledException ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(Texts, cancellationToken: cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Equal(1, encoder.PassesCancelledInFlight);
    }

    [Fact]
    public async Task A_cancelled_call_leaves_the_model_usable()
    {
        using var cts = new CancellationTokenSource();
        var encoder = new RecordingEncoder { BeforePass = (_, _) => cts.Cancel() };
        using var cancelled = new LocalEmbeddingGenerator(null, null, () => encoder);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.GenerateAsync(Texts, cancellationToken: cts.Token));

        using var generator = new LocalEmbeddingGenerator();
        var result = await generator.GenerateAsync(Texts);

        Assert.Equal(Texts.Length, result.Count);
    }

    /// <summary>Cancels the token once the given pass has finished.</summary>
    private sealed class CancelAfterPass(RecordingEncoder inner, CancellationTokenSource cts, int pass) : ITokenWindowEncoder
    {
        public int Dimensions => inner.Dimensions;

        public int MaxSequenceLength => inner.MaxSequenceLength;

        public int ClassificationTokenId => inner.ClassificationTokenId;

        public int SeparatorTokenId => inner.SeparatorTokenId;

        public System.Collections.Generic.IReadOnlyList<int> Tokenize(string text, int? maxTokens) => inner.Tokenize(text, maxTokens);

        public void EncodeBatch(System.Collections.Generic.IReadOnlyList<int[]> windows, Span<float> destination, CancellationToken cancellationToken)
        {
            inner.EncodeBatch(windows, destination, cancellationToken);
            if (inner.Batches.Count == pass + 1)
            {
                cts.Cancel();
            }
        }
    }
}
