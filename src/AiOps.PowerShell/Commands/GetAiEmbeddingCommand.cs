// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Get-AiEmbedding</c>: embeds piped texts or objects, batching across the pipeline and sending batches concurrently,
/// and writes one <see cref="AiEmbedding"/> per input, in input order.</summary>
[Cmdlet(VerbsCommon.Get, "AiEmbedding")]
[OutputType(typeof(AiEmbedding))]
public sealed class GetAiEmbeddingCommand : AiConnectionCmdlet
{
    private const int ProgressId = 0x41694F;
    private readonly Queue<EmbeddingBatch> _pending = new();
    private PipelineDispatcher? _dispatcher;
    private EmbeddingSession? _session;
    private SemaphoreSlim? _throttle;
    private CancellationTokenSource? _abort;
    private EmbeddingBatch _current = new();
    private int _batchSize;
    private int _received;
    private int _embedded;
    private int _batchesSent;
    private long _started;
    private bool _inputComplete;

    /// <summary>Gets or sets the texts or objects to embed.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyString]
    public object?[] InputObject { get; set; } = [];

    /// <summary>Gets or sets the property holding the text of piped objects.</summary>
    [Parameter]
    [Alias("TextProperty")]
    [ValidateNotNullOrEmpty]
    public string? Property { get; set; }

    /// <summary>Gets or sets the vector length to ask for (OpenAI <c>dimensions</c>, Gemini <c>outputDimensionality</c>).</summary>
    [Parameter]
    [ValidateRange(1, 65536)]
    public int? Dimensions { get; set; }

    /// <summary>Gets or sets the Gemini task type (RETRIEVAL_DOCUMENT, RETRIEVAL_QUERY, SEMANTIC_SIMILARITY, CLASSIFICATION, CLUSTERING, …).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TaskTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string? TaskType { get; set; }

    /// <summary>Gets or sets how many texts go in one request (default: the provider's limit, 2048 for OpenAI).</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? BatchSize { get; set; }

    /// <summary>Gets or sets how many requests may run at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <inheritdoc/>
    protected override string ErrorPrefix => "GetAiEmbedding";

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        _dispatcher = new PipelineDispatcher();
        _abort = CancellationTokenSource.CreateLinkedTokenSource(CancelToken);
        _throttle = new SemaphoreSlim(ThrottleLimit);
        _started = TimeProvider.System.GetTimestamp();
        PipelineDispatcher dispatcher = _dispatcher;
        try
        {
            _session = EmbeddingSession.Open(BuildConnection(), Dimensions, TaskType, (level, message) => dispatcher.Post(() => WriteLog(level, message)));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            _dispatcher.Drain();
            ThrowFailure(ex, Provider);
            return;
        }

        _dispatcher.Drain();
        _batchSize = _session.MaxBatchSize;
        if (BatchSize is int requested)
        {
            if (requested > _session.MaxBatchSize)
            {
                WriteWarning($"-BatchSize {requested} is above {_session.Provider}'s limit of {_session.MaxBatchSize} inputs per request; using {_session.MaxBatchSize}.");
            }
            else
            {
                _batchSize = requested;
            }
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (object? item in InputObject ?? [null])
        {
            int index = _received++;
            string? text = TextExtractor.TryGet(item, Property, out string? error);
            if (text is null)
            {
                WriteError(ErrorRecords.Invalid($"Input {index}: {error} Nothing was sent for it.", "GetAiEmbeddingNoText", item));
                continue;
            }

            _current.Indexes.Add(index);
            _current.Texts.Add(text);
            _current.Inputs.Add(item);
            if (_current.Count >= _batchSize)
            {
                StartBatch();
            }
        }

        _dispatcher!.Drain();
        WriteCompleted(wait: false);
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        _inputComplete = true;
        if (_current.Count > 0)
        {
            StartBatch();
        }

        WriteCompleted(wait: true);
        if (_batchesSent > 0)
        {
            WriteProgress(new ProgressRecord(ProgressId, "Get-AiEmbedding", "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _abort?.Cancel();
            _abort?.Dispose();
            _dispatcher?.Dispose();
            _throttle?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void StartBatch()
    {
        EmbeddingBatch batch = _current;
        _current = new EmbeddingBatch();
        EmbeddingSession session = _session!;
        SemaphoreSlim throttle = _throttle!;
        CancellationToken token = _abort!.Token;
        PipelineDispatcher dispatcher = _dispatcher!;
        batch.Task = Task.Run(
            async () =>
            {
                await throttle.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    return await session.EmbedAsync(batch.Texts, token).ConfigureAwait(false);
                }
                finally
                {
                    throttle.Release();
                }
            },
            CancellationToken.None);
        _ = batch.Task.ContinueWith(
            t => dispatcher.Post(() => Progressed(batch.Count, t.IsCompletedSuccessfully)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _batchesSent++;
        _pending.Enqueue(batch);
    }

    private void WriteCompleted(bool wait)
    {
        while (_pending.Count > 0)
        {
            EmbeddingBatch head = _pending.Peek();
            if (!head.Task!.IsCompleted)
            {
                if (!wait)
                {
                    return;
                }

                _dispatcher!.RunUntil(head.Task, CancelToken);
            }

            _ = _pending.Dequeue();
            float[][] vectors;
            try
            {
                vectors = head.Task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ErrorRecord record = ErrorRecords.From(ex, ErrorPrefix, head.Inputs.ToArray(), out bool commandWide);
                if (commandWide)
                {
                    _abort!.Cancel();
                    ThrowTerminatingError(record);
                }

                record.ErrorDetails = new ErrorDetails($"Inputs {TextExtractor.Range(head.Indexes[0], head.Indexes[^1])} were not embedded: {ex.Message}")
                {
                    RecommendedAction = record.ErrorDetails?.RecommendedAction,
                };
                WriteError(record);
                continue;
            }

            string? model = _session!.Model;
            for (int i = 0; i < head.Count; i++)
            {
                WriteObject(new AiEmbedding
                {
                    Index = head.Indexes[i],
                    Text = head.Texts[i],
                    InputObject = head.Inputs[i],
                    Vector = vectors[i],
                    Model = model,
                    Provider = _session.Provider,
                });
            }
        }
    }

    private void Progressed(int count, bool succeeded)
    {
        _embedded += succeeded ? count : 0;
        var record = new ProgressRecord(
            ProgressId,
            "Get-AiEmbedding",
            string.Format(CultureInfo.InvariantCulture, "{0} of {1} embedded ({2} batches of up to {3})", _embedded, _received, _batchesSent, _batchSize));
        if (_received > 0)
        {
            record.PercentComplete = Math.Min(100, (int)(100L * _embedded / _received));
        }

        double elapsed = TimeProvider.System.GetElapsedTime(_started).TotalSeconds;
        if (_embedded > 0 && _received > _embedded)
        {
            record.SecondsRemaining = (int)Math.Ceiling(elapsed / _embedded * (_received - _embedded));
        }

        record.CurrentOperation = _inputComplete ? "all input received" : "receiving input";
        WriteProgress(record);
    }
}
