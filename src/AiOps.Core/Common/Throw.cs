// Licensed under the MIT License.

using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AiOps;

/// <summary>Argument guards that return their argument, so they can be used in assignments.</summary>
internal static class Throw
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="argument"/> is <see langword="null"/>.</summary>
    public static T IfNull<T>([NotNull] T? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }

        return argument;
    }

    /// <summary>Throws when <paramref name="argument"/> is null, empty or white space.</summary>
    public static string IfNullOrWhitespace([NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new ArgumentException("The value cannot be empty or white space.", paramName);
        }

        return argument;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="argument"/> is less than <paramref name="min"/>.</summary>
    public static int IfLessThan(int argument, int min, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument < min)
        {
            throw new ArgumentOutOfRangeException(paramName, argument, $"The value must be at least {min}.");
        }

        return argument;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="argument"/> is negative.</summary>
    public static TimeSpan IfNegative(TimeSpan argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
    {
        if (argument < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, argument, "The value must not be negative.");
        }

        return argument;
    }
}
