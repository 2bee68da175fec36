// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>Reads a vector from an <see cref="AiEmbedding"/>, a number array, or any object with a <c>Vector</c> (or <c>Embedding</c>)
/// property, such as embeddings saved with <c>Export-Clixml</c> and read back.</summary>
internal static class VectorReader
{
    /// <summary>Reads a candidate, or returns <see langword="null"/> when the value holds no vector.</summary>
    public static Candidate? TryRead(object? value)
    {
        object? v = PSValue.Base(value);
        switch (v)
        {
            case null:
            case string:
                return null;
            case AiEmbedding e:
                return new Candidate(e.Vector, e.Text, e.InputObject, e.Provider, e.Model, e);
            case float[] f:
                return new Candidate(f, null, value, null, null, null);
            case IEnumerable numbers when v is not IDictionary:
                return FromNumbers(numbers) is float[] vector ? new Candidate(vector, null, value, null, null, null) : null;
        }

        PSObject ps = PSObject.AsPSObject(value!);
        object? property = ps.Properties["Vector"]?.Value ?? ps.Properties["Embedding"]?.Value;
        if (property is null || TryRead(property) is not Candidate inner)
        {
            return null;
        }

        return inner with
        {
            Text = ps.Properties["Text"]?.Value?.ToString(),
            InputObject = ps.Properties["InputObject"]?.Value ?? value,
            Provider = ps.Properties["Provider"]?.Value?.ToString(),
            Model = ps.Properties["Model"]?.Value?.ToString(),
        };
    }

    private static float[]? FromNumbers(IEnumerable numbers)
    {
        var list = new List<float>();
        foreach (object? n in numbers)
        {
            object? b = PSValue.Base(n);
            if (b is null or string or bool || b is not IConvertible)
            {
                return null;
            }

            try
            {
                list.Add(Convert.ToSingle(b, CultureInfo.InvariantCulture));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return list.Count == 0 ? null : list.ToArray();
    }

    /// <summary>A vector and what is known about where it came from.</summary>
    internal sealed record Candidate(float[] Vector, string? Text, object? InputObject, string? Provider, string? Model, AiEmbedding? Embedding);
}
