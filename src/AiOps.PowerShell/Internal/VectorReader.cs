// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>Reads a vector from an <see cref="AiEmbedding"/>, a number array, or any object with a <c>Vector</c> (or <c>Embedding</c>) property.</summary>
internal static class VectorReader
{
    public static float[]? TryRead(object? value, out AiEmbedding? embedding)
    {
        embedding = null;
        object? v = PSValue.Base(value);
        switch (v)
        {
            case null:
                return null;
            case AiEmbedding e:
                embedding = e;
                return e.Vector;
            case float[] f:
                return f;
            case string:
                return null;
            case IEnumerable numbers when v is not IDictionary:
                return FromNumbers(numbers);
        }

        PSObject ps = PSObject.AsPSObject(value!);
        object? property = ps.Properties["Vector"]?.Value ?? ps.Properties["Embedding"]?.Value;
        return property is null ? null : TryRead(property, out _);
    }

    private static float[]? FromNumbers(IEnumerable numbers)
    {
        var list = new List<float>();
        foreach (object? n in numbers)
        {
            object? b = PSValue.Base(n);
            if (b is null || b is string || b is bool || !(b is IConvertible))
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
}
