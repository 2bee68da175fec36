// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Compare-AiEmbedding</c>: ranks piped embeddings by cosine similarity to a query (an embedding, a vector, or a text
/// that is embedded with the candidates' provider and model) and returns the top matches.</summary>
[Cmdlet(VerbsData.Compare, "AiEmbedding")]
[OutputType(typeof(AiSimilarity))]
public sealed class CompareAiEmbeddingCommand : AiConnectionCmdlet
{
    private readonly List<VectorReader.Candidate> _candidates = [];

    /// <summary>Gets or sets the query: an <see cref="AiEmbedding"/>, a vector (<c>float[]</c>), or text to embed.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public object? Query { get; set; }

    /// <summary>Gets or sets the candidates: <c>Get-AiEmbedding</c> output, vectors, or objects with a Vector property.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object? InputObject { get; set; }

    /// <summary>Gets or sets how many of the best matches to return (default: all, best first).</summary>
    [Parameter]
    [Alias("First")]
    [ValidateRange(1, int.MaxValue)]
    public int? Top { get; set; }

    /// <summary>Gets or sets the lowest similarity to return (-1 to 1).</summary>
    [Parameter]
    [ValidateRange(-1.0, 1.0)]
    public double? MinimumSimilarity { get; set; }

    /// <inheritdoc/>
    protected override string ErrorPrefix => "CompareAiEmbedding";

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        VectorReader.Candidate? candidate = VectorReader.TryRead(InputObject);
        if (candidate is null)
        {
            WriteError(ErrorRecords.Invalid(
                "The input is not an embedding: pass Get-AiEmbedding output, a number array, or objects with a Vector property.",
                "CompareAiEmbeddingNotAnEmbedding",
                InputObject));
            return;
        }

        _candidates.Add(candidate);
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (_candidates.Count == 0)
        {
            return;
        }

        float[] query = QueryVector();
        if (_candidates.TrueForAll(c => c.Vector.Length != query.Length))
        {
            ThrowTerminatingError(ErrorRecords.Invalid(
                $"The query has {query.Length} dimensions and no candidate has as many ({string.Join(", ", _candidates.Select(c => c.Vector.Length).Distinct())}); compare embeddings from the same model and -Dimensions.",
                "CompareAiEmbeddingDimensionMismatch",
                Query));
        }

        var scored = new List<AiSimilarity>(_candidates.Count);
        foreach (VectorReader.Candidate c in _candidates)
        {
            if (c.Vector.Length != query.Length)
            {
                WriteError(ErrorRecords.Invalid(
                    $"The candidate has {c.Vector.Length} dimensions and the query {query.Length}; compare embeddings from the same model and -Dimensions.",
                    "CompareAiEmbeddingDimensionMismatch",
                    c.InputObject));
                continue;
            }

            double similarity = VectorMath.Cosine(query, c.Vector);
            if (MinimumSimilarity is double min && similarity < min)
            {
                continue;
            }

            scored.Add(new AiSimilarity
            {
                Similarity = similarity,
                Text = c.Text,
                InputObject = c.InputObject,
                Embedding = c.Embedding,
            });
        }

        int rank = 0;
        foreach (AiSimilarity s in scored.OrderByDescending(s => s.Similarity).Take(Top ?? int.MaxValue))
        {
            s.Rank = ++rank;
            WriteObject(s);
        }
    }

    private float[] QueryVector()
    {
        if (PSValue.Base(Query) is not string text)
        {
            return VectorReader.TryRead(Query)?.Vector ?? ThrowBadQuery();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ThrowBadQuery();
        }

        // A text query is embedded with the candidates' provider and model unless -Provider/-Model say otherwise.
        VectorReader.Candidate? first = _candidates.FirstOrDefault(c => c.Provider is not null);
        ConnectionOptions connection = BuildConnection();
        connection.Provider ??= first?.Provider;
        connection.Model ??= first?.Model;
        float[] vector = EmbedQuery(connection, text, dimensions: null);
        int[] lengths = _candidates.Select(c => c.Vector.Length).Distinct().ToArray();
        if (lengths.Length == 1 && lengths[0] != vector.Length)
        {
            // The candidates were embedded with -Dimensions: ask for the same length.
            WriteVerbose($"The query embedding has {vector.Length} dimensions and the candidates {lengths[0]}; embedding the query again with -Dimensions {lengths[0]}.");
            vector = EmbedQuery(connection, text, lengths[0]);
        }

        return vector;
    }

    private float[] EmbedQuery(ConnectionOptions connection, string text, int? dimensions)
    {
        using var dispatcher = new PipelineDispatcher();
        Task<float[][]> task;
        try
        {
            EmbeddingSession session = EmbeddingSession.Open(connection, dimensions, taskType: null, (level, message) => dispatcher.Post(() => WriteLog(level, message)));
            task = Task.Run(() => session.EmbedAsync([text], CancelToken));
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            dispatcher.Drain();
            ThrowFailure(ex, Query);
            return [];
        }

        dispatcher.RunUntil(task, CancelToken);
        try
        {
            return task.GetAwaiter().GetResult()[0];
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex)
        {
            ThrowFailure(ex, Query);
            return [];
        }
    }

    private float[] ThrowBadQuery()
    {
        ThrowTerminatingError(ErrorRecords.Invalid(
            "-Query is not an embedding or text: pass Get-AiEmbedding output, a number array, or the text to search for.",
            "CompareAiEmbeddingBadQuery",
            Query));
        return [];
    }
}
