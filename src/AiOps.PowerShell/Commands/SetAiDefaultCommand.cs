// Licensed under the MIT License.

using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Set-AiDefault</c>: session defaults (provider, model or deployment, key, endpoint, API version, timeouts, proxy) that
/// win over environment variables and lose to explicit parameters. <c>-Clear</c> forgets them.</summary>
[Cmdlet(VerbsCommon.Set, "AiDefault", SupportsShouldProcess = true, DefaultParameterSetName = SetParameterSet)]
[OutputType(typeof(AiDefaultSetting))]
public sealed class SetAiDefaultCommand : PSCmdlet
{
    private const string SetParameterSet = "Set";
    private const string ClearParameterSet = "Clear";

    /// <summary>Gets or sets the provider the values belong to; it also becomes the default provider.</summary>
    [Parameter(Position = 0, ParameterSetName = SetParameterSet)]
    [Parameter(Position = 0, ParameterSetName = ClearParameterSet)]
    [ArgumentCompleter(typeof(ProviderCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Provider { get; set; }

    /// <summary>Gets or sets the chat model (for Azure OpenAI the chat deployment).</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [Alias("Deployment")]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Gets or sets the embedding model (for Azure OpenAI the embedding deployment).</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [Alias("EmbeddingDeployment")]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? EmbeddingModel { get; set; }

    /// <summary>Gets or sets the API key: a SecureString, a string, an <c>env:NAME</c> reference or a Key Vault reference.</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [SecureStringTransformation]
    public SecureString? ApiKey { get; set; }

    /// <summary>Gets or sets the endpoint.</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [Alias("Endpoint")]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the API version (Azure OpenAI).</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [ValidateNotNullOrEmpty]
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the per-attempt timeout in seconds (every provider).</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [ValidateRange(1, 86400)]
    public int? TimeoutSec { get; set; }

    /// <summary>Gets or sets the retry count (every provider).</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [ValidateRange(0, 100)]
    public int? MaxRetries { get; set; }

    /// <summary>Gets or sets the proxy (every provider).</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Gets or sets the proxy credential.</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Gets or sets a value indicating whether the proxy gets the current user's credentials.</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Gets or sets a value indicating whether every proxy is bypassed.</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>Gets or sets extra HTTP headers sent to the provider.</summary>
    [Parameter(ParameterSetName = SetParameterSet)]
    [ValidateNotNull]
    public Hashtable? Header { get; set; }

    /// <summary>Gets or sets a value indicating whether session defaults are forgotten (all, or the -Provider's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClearParameterSet)]
    public SwitchParameter Clear { get; set; }

    /// <summary>Gets or sets a value indicating whether the resulting defaults are written to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (Clear.IsPresent)
        {
            if (ShouldProcess(Provider ?? "every provider", "Clear AiOps session defaults"))
            {
                Run(() => SessionDefaults.Clear(Provider));
            }
        }
        else
        {
            if (NoProxy.IsPresent && (Proxy is not null || ProxyCredential is not null || ProxyUseDefaultCredentials.IsPresent))
            {
                ThrowTerminatingError(ErrorRecords.Invalid("-NoProxy cannot be combined with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials.", "SetAiDefaultProxyConflict", NoProxy));
            }

            DefaultsData data = BuildData();
            if (ShouldProcess(Provider ?? "the default provider", "Set AiOps session defaults"))
            {
                string provider = string.Empty;
                Run(() => provider = SessionDefaults.Set(data));
                WriteVerbose($"Session defaults set for {provider}.");
            }
        }

        if (PassThru.IsPresent)
        {
            DefaultsView[] views = [];
            Run(() => views = SessionDefaults.Get(Provider));
            foreach (DefaultsView view in views)
            {
                WriteObject(GetAiDefaultCommand.Map(view));
            }
        }
    }

    private DefaultsData BuildData()
    {
        var data = new DefaultsData
        {
            Provider = Provider,
            Model = Model,
            EmbeddingModel = EmbeddingModel,
            ApiKey = SecureStringTransformationAttribute.ToPlainText(ApiKey),
            BaseUri = BaseUri,
            ApiVersion = ApiVersion,
            TimeoutSec = TimeoutSec,
            MaxRetries = MaxRetries,
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
            ProxyUseDefaultCredentials = ProxyUseDefaultCredentials.IsPresent ? true : null,
            NoProxy = NoProxy.IsPresent ? true : null,
        };
        if (Header is not null)
        {
            foreach (DictionaryEntry h in Header)
            {
                data.Headers[h.Key.ToString()!] = PSValue.Base(h.Value)?.ToString() ?? string.Empty;
            }
        }

        return data;
    }

    private void Run(Action action)
    {
        Exception? failure = null;
        try
        {
            action();
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        if (failure is not null)
        {
            ThrowTerminatingError(ErrorRecords.From(failure, "SetAiDefault", Provider, out _));
        }
    }
}
