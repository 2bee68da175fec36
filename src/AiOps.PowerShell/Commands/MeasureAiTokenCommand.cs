// Licensed under the MIT License.

using System;
using System.Management.Automation;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Measure-AiToken</c>: counts tokens before sending (exact for OpenAI model families, an estimate for others).</summary>
[Cmdlet(VerbsDiagnostic.Measure, "AiToken")]
[OutputType(typeof(AiTokenCount))]
public sealed class MeasureAiTokenCommand : PSCmdlet
{
    /// <summary>Gets or sets the texts or objects to count.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowEmptyString]
    public object?[] InputObject { get; set; } = [];

    /// <summary>Gets or sets the property holding the text of piped objects.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Property { get; set; }

    /// <summary>Gets or sets the model whose tokenizer to use (default: the provider's default model).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Gets or sets the provider (default: the default provider).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Provider { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        foreach (object? item in InputObject ?? [])
        {
            string text;
            if (PSValue.Base(item) is string s && Property is null)
            {
                text = s;
            }
            else
            {
                string? extracted = TextExtractor.TryGet(item, Property, out string? error);
                if (extracted is null)
                {
                    WriteError(ErrorRecords.Invalid(error!, "MeasureAiTokenNoText", item));
                    continue;
                }

                text = extracted;
            }

            TokenCountData count;
            try
            {
                count = TokenCounter.Count(text, Model, Provider);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, "MeasureAiToken", item, out _));
                return;
            }

            WriteObject(new AiTokenCount
            {
                Tokens = count.Tokens,
                Characters = text.Length,
                Model = count.Model,
                Provider = count.Provider,
                Encoding = count.Encoding,
                IsEstimate = count.IsEstimate,
                InputObject = item,
            });
        }
    }
}
