// Licensed under the MIT License.

using System.Management.Automation;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Get-AiUsage</c>: tokens and cost spent in this session, per provider and model.</summary>
[Cmdlet(VerbsCommon.Get, "AiUsage")]
[OutputType(typeof(AiUsageSummary))]
public sealed class GetAiUsageCommand : PSCmdlet
{
    /// <summary>Gets or sets the provider to show (default: all).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ProviderCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Provider { get; set; }

    /// <summary>Gets or sets a value indicating whether the totals are cleared after they are written.</summary>
    [Parameter]
    public SwitchParameter Reset { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        string? provider = Provider is null ? null : ProviderCatalog.Normalize(Provider);
        foreach (UsageRow row in UsageLedger.Snapshot())
        {
            if (provider is not null && row.Provider != provider)
            {
                continue;
            }

            WriteObject(new AiUsageSummary
            {
                Provider = row.Provider,
                Model = row.Model,
                Requests = row.Requests,
                InputTokens = row.InputTokens,
                OutputTokens = row.OutputTokens,
                CachedInputTokens = row.CachedInputTokens,
                ReasoningTokens = row.ReasoningTokens,
                Embeddings = row.Embeddings,
                Cost = row.Cost,
                UnpricedRequests = row.UnpricedRequests,
            });
        }

        if (Reset.IsPresent)
        {
            UsageLedger.Reset();
        }
    }
}
