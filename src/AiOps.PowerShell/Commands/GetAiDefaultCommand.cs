// Licensed under the MIT License.

using System;
using System.Management.Automation;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Get-AiDefault</c>: what each provider uses when a command names nothing: session defaults over environment variables.
/// Keys are shown only as present or missing.</summary>
[Cmdlet(VerbsCommon.Get, "AiDefault")]
[OutputType(typeof(AiDefaultSetting))]
public sealed class GetAiDefaultCommand : PSCmdlet
{
    /// <summary>Gets or sets the provider to show (default: the default provider and every provider with session defaults).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ProviderCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Provider { get; set; }

    internal static AiDefaultSetting Map(DefaultsView v) => new()
    {
        Provider = v.Provider,
        IsDefaultProvider = v.IsDefaultProvider,
        Model = v.Model,
        ModelSource = v.ModelSource,
        EmbeddingModel = v.EmbeddingModel,
        BaseUri = v.BaseUri,
        ApiVersion = v.ApiVersion,
        ApiKey = v.ApiKey,
        TimeoutSec = v.TimeoutSec,
        MaxRetries = v.MaxRetries,
        Proxy = v.Proxy,
        SessionValues = v.SessionValues,
    };

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        DefaultsView[] views;
        try
        {
            views = SessionDefaults.Get(Provider);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, "GetAiDefault", Provider, out _));
            return;
        }

        foreach (DefaultsView view in views)
        {
            WriteObject(Map(view));
        }
    }
}
