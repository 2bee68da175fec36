// Licensed under the MIT License.

using System;
using System.Linq;
using System.Management.Automation;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Get-AiProvider</c>: the providers AiOps knows and how each is configured now. Keys are shown only as present or missing.</summary>
[Cmdlet(VerbsCommon.Get, "AiProvider")]
[OutputType(typeof(AiProviderInfo))]
public sealed class GetAiProviderCommand : PSCmdlet
{
    /// <summary>Gets or sets provider names to show (wildcards allowed).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ProviderCompleter))]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Gets or sets a value indicating whether only providers that could be called now are shown.</summary>
    [Parameter]
    public SwitchParameter Configured { get; set; }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        ProviderInfoData[] providers = ProviderCatalog.GetProviders();
        foreach (string pattern in Name ?? ["*"])
        {
            var wildcard = new WildcardPattern(ProviderCatalog.Normalize(pattern) is string id && !WildcardPattern.ContainsWildcardCharacters(pattern) ? id : pattern, WildcardOptions.IgnoreCase);
            ProviderInfoData[] matches = providers.Where(p => wildcard.IsMatch(p.Name) || wildcard.IsMatch(p.DisplayName)).ToArray();
            if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No provider is named '{pattern}'. Known providers: {string.Join(", ", providers.Select(p => p.Name))}."),
                    "GetAiProviderNotFound",
                    ErrorCategory.ObjectNotFound,
                    pattern));
                continue;
            }

            foreach (ProviderInfoData p in matches)
            {
                if (Configured.IsPresent && !p.IsConfigured)
                {
                    continue;
                }

                WriteObject(new AiProviderInfo
                {
                    Name = p.Name,
                    DisplayName = p.DisplayName,
                    IsDefault = p.IsDefault,
                    IsConfigured = p.IsConfigured,
                    ApiKey = p.ApiKey,
                    ApiKeyVariable = p.ApiKeyVariable,
                    BaseUri = p.BaseUri,
                    DefaultModel = p.DefaultModel,
                    DefaultEmbeddingModel = p.DefaultEmbeddingModel,
                    SupportsChat = p.SupportsChat,
                    SupportsEmbeddings = p.SupportsEmbeddings,
                    MaxEmbeddingBatchSize = p.MaxEmbeddingBatchSize,
                });
            }
        }
    }
}
