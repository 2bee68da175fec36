// Licensed under the MIT License.

using System;
using System.Globalization;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>Gets the text to embed or count from a pipeline object: the string itself, the <c>-Property</c> value, or PowerShell's string conversion.</summary>
internal static class TextExtractor
{
    /// <summary>Gets the text, or an error message when the object has no usable text.</summary>
    public static string? TryGet(object? item, string? property, out string? error)
    {
        error = null;
        object? value = PSValue.Base(item);
        if (value is null)
        {
            error = "The input is null; there is no text to use.";
            return null;
        }

        if (property is not null)
        {
            PSPropertyInfo? p = PSObject.AsPSObject(item!).Properties[property];
            if (p is null)
            {
                error = $"The input object ({value.GetType().Name}) has no property '{property}'.";
                return null;
            }

            object? pv = PSValue.Base(p.Value);
            value = pv;
            if (value is null)
            {
                error = $"The property '{property}' of the input object is empty.";
                return null;
            }
        }

        string text = value as string ?? LanguagePrimitives.ConvertTo<string>(value) ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = property is null ? "The input text is empty or whitespace." : $"The property '{property}' of the input object is empty or whitespace.";
            return null;
        }

        return text;
    }

    /// <summary>Formats an index range for messages.</summary>
    public static string Range(int first, int last) =>
        first == last ? first.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first}-{last}");
}
