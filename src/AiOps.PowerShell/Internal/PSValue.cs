// Licensed under the MIT License.

using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;

namespace AiOps.PowerShell;

/// <summary>Strips PowerShell wrappers so values can cross into the engine as plain BCL values: <see cref="PSObject"/>s are
/// unwrapped, PSCustomObjects become ordered dictionaries, and the same is done inside dictionaries and lists.</summary>
internal static class PSValue
{
    /// <summary>Unwraps a value recursively.</summary>
    public static object? ToBcl(object? value, int depth = 0)
    {
        if (depth > 32)
        {
            return value?.ToString();
        }

        switch (value)
        {
            case null:
                return null;
            case PSObject ps when ps.BaseObject is PSCustomObject:
                var ordered = new OrderedDictionary();
                foreach (PSPropertyInfo p in ps.Properties)
                {
                    ordered[p.Name] = ToBcl(p.Value, depth + 1);
                }

                return ordered;
            case PSObject ps:
                return ToBcl(ps.BaseObject, depth + 1);
            case string:
                return value;
            case IDictionary dict:
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in dict)
                {
                    copy[ToBcl(entry.Key, depth + 1) ?? string.Empty] = ToBcl(entry.Value, depth + 1);
                }

                return copy;
            case IList list:
                var items = new object?[list.Count];
                for (int i = 0; i < list.Count; i++)
                {
                    items[i] = ToBcl(list[i], depth + 1);
                }

                return items;
            default:
                return value;
        }
    }

    /// <summary>Unwraps one level.</summary>
    public static object? Base(object? value) => value is PSObject ps ? ps.BaseObject : value;
}
