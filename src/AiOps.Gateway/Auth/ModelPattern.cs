// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.Gateway;

/// <summary>Matches model names against allow-list patterns: exact (case-insensitive), <c>provider/*</c>, <c>prefix*</c> or <c>*</c>.</summary>
internal static class ModelPattern
{
    public static bool MatchesAny(IReadOnlyList<string> patterns, string name)
    {
        foreach (string pattern in patterns)
        {
            if (Matches(pattern, name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Matches(string pattern, string name)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.EndsWith('*'))
        {
            return name.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
    }
}
