// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>Assembles streamed tool-call fragments (wire-formats §1.7 Transcript B, quirk 12) into complete calls.</summary>
/// <remarks><para>Fragments are joined per <c>tool_calls[].index</c>; <c>id</c> and <c>function.name</c> come with the first fragment
/// of a call. Tolerated deviations of OpenAI-compatible servers: every call on index 0 (a new <c>id</c> on the same index starts a
/// new call), a missing <c>index</c> (a new id starts a call, otherwise the fragment continues the last call) and a missing
/// <c>id</c> (a fragment that names a function again starts a new call; the id is made up, <c>call_</c> + 24 hex digits).</para>
/// <para>Not thread-safe: one instance per stream.</para></remarks>
internal sealed class OpenAIToolCallAccumulator
{
    private List<Entry>? _entries;
    private int _drained;

    /// <summary>Gets a value indicating whether calls have arrived that were not yet handed out.</summary>
    public bool HasPending => _entries is not null && _entries.Count > _drained;

    /// <summary>Adds one fragment.</summary>
    /// <param name="index">The fragment's <c>index</c>, when sent.</param>
    /// <param name="id">The call id, when sent (first fragment).</param>
    /// <param name="name">The function name, when sent (first fragment).</param>
    /// <param name="arguments">The arguments fragment (may split JSON anywhere).</param>
    public void Add(int? index, string? id, string? name, ReadOnlySpan<char> arguments)
    {
        Entry entry = Find(index, string.IsNullOrEmpty(id) ? null : id, string.IsNullOrEmpty(name) ? null : name);
        if (entry.Name is null && !string.IsNullOrEmpty(name))
        {
            entry.Name = name;
        }

        entry.Arguments.Append(arguments);
    }

    /// <summary>Hands out the calls assembled since the last drain, with parsed arguments, in the order they started.</summary>
    /// <param name="into">The list to add <see cref="FunctionCallContent"/> items to (created when needed).</param>
    /// <param name="info">The provider, for the error on a call without a name.</param>
    /// <exception cref="AiException">Kind <see cref="AiErrorKind.InvalidResponse"/>: a call arrived without a function name.</exception>
    public void Drain(ref List<AIContent>? into, ProviderInfo info)
    {
        if (_entries is null)
        {
            return;
        }

        for (; _drained < _entries.Count; _drained++)
        {
            Entry e = _entries[_drained];
            into ??= new List<AIContent>(_entries.Count);
            into.Add(OpenAIResponseMapper.ToFunctionCall(e.Id, e.Name, e.Arguments.ToString(), info));
        }
    }

    private Entry Find(int? index, string? id, string? name)
    {
        _entries ??= new List<Entry>(2);
        Entry? current = null;
        if (index is int i)
        {
            for (int k = _entries.Count - 1; k >= _drained; k--)
            {
                if (_entries[k].Index == i)
                {
                    current = _entries[k];
                    break;
                }
            }
        }
        else if (_entries.Count > _drained)
        {
            current = _entries[^1];
        }

        // Same call unless the fragment names a different id, or (no ids at all) names a function again: OpenAI sends the
        // name only with a call's first fragment.
        bool sameCall = current is not null &&
                        (id is null || current.Id is null || string.Equals(current.Id, id, StringComparison.Ordinal)) &&
                        !(id is null && name is not null && current.Name is not null);
        if (sameCall)
        {
            current!.Id ??= id;
            return current;
        }

        var created = new Entry { Index = index ?? -1, Id = id };
        _entries.Add(created);
        return created;
    }

    /// <summary>One call being assembled.</summary>
    private sealed class Entry
    {
        public int Index { get; init; }

        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
