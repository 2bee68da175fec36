// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AiOps.PowerShell;

/// <summary>Completes <c>-Model</c>: the configured default first, then models used this session, then well-known names of the
/// provider in <c>-Provider</c> (or the default provider). Suggestions only: any model name is accepted.</summary>
internal sealed class ModelCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? provider = fakeBoundParameters?["Provider"] is object p ? Completion.Unquote(p is PSObject ps ? ps.BaseObject.ToString() : p.ToString()) : null;
        bool embeddings = string.Equals(commandName, "Get-AiEmbedding", StringComparison.OrdinalIgnoreCase)
            || parameterName.Contains("Embedding", StringComparison.OrdinalIgnoreCase);
        string prefix = Completion.Unquote(wordToComplete);
        foreach (string model in Completion.Models(provider, embeddings))
        {
            if (model.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                string text = model.IndexOfAny([' ', '\'', '"', '$', '`']) >= 0 ? "'" + model.Replace("'", "''", StringComparison.Ordinal) + "'" : model;
                yield return new CompletionResult(text, model, CompletionResultType.ParameterValue, model);
            }
        }
    }
}
