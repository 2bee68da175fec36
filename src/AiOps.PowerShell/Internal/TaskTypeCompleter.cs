// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AiOps.PowerShell;

/// <summary>Completes <c>-TaskType</c> with Gemini's embedding task types (suggestions only).</summary>
internal sealed class TaskTypeCompleter : IArgumentCompleter
{
    private static readonly string[] TaskTypes =
    [
        "RETRIEVAL_DOCUMENT", "RETRIEVAL_QUERY", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY",
    ];

    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = Completion.Unquote(wordToComplete);
        foreach (string t in TaskTypes)
        {
            if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(t, t, CompletionResultType.ParameterValue, t);
            }
        }
    }
}
