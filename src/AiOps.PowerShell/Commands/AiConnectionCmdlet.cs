// Licensed under the MIT License.

using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary>The parameters every command that calls a provider shares (provider, model, key, endpoint, timeouts, proxy), plus
/// cancellation on Ctrl+C. Explicit parameters win over <c>Set-AiDefault</c>, which wins over environment variables.</summary>
public abstract class AiConnectionCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    /// <summary>Gets or sets the provider: openai, azure-openai, anthropic, google, ollama, openai-compatible (tab completes).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ProviderCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Provider { get; set; }

    /// <summary>Gets or sets the model (tab completes; any name is accepted).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ModelCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Model { get; set; }

    /// <summary>Gets or sets the API key: a SecureString, a string, an <c>env:NAME</c> reference or a Key Vault reference.</summary>
    [Parameter]
    [SecureStringTransformation]
    public SecureString? ApiKey { get; set; }

    /// <summary>Gets or sets the endpoint (OpenAI-style URLs include <c>/v1</c>; Azure OpenAI is the resource endpoint).</summary>
    [Parameter]
    [Alias("Endpoint")]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>Gets or sets the Azure OpenAI deployment (wins over <c>-Model</c>; Azure OpenAI only).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Deployment { get; set; }

    /// <summary>Gets or sets the API version (Azure OpenAI <c>api-version</c>; without it the <c>/openai/v1/</c> surface is used).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the per-attempt timeout in seconds.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int? TimeoutSec { get; set; }

    /// <summary>Gets or sets how many times a retryable failure (429, 5xx, timeouts) is retried.</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int? MaxRetries { get; set; }

    /// <summary>Gets or sets a proxy to use instead of the .NET default proxy.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Gets or sets the proxy's credential.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Gets or sets a value indicating whether the proxy gets the current user's credentials.</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Gets or sets a value indicating whether every proxy is bypassed, including HTTPS_PROXY and system settings.</summary>
    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>Gets the token cancelled by Ctrl+C (<see cref="StopProcessing"/>).</summary>
    protected CancellationToken CancelToken => _stopping.Token;

    /// <summary>Gets the cmdlet's name without the hyphen, for error ids.</summary>
    protected abstract string ErrorPrefix { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the cancellation source.</summary>
    /// <param name="disposing">Whether managed resources are released.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _stopping.Dispose();
        }

        _disposed = true;
    }

    /// <inheritdoc/>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Builds the engine's connection options from the parameters; conflicting proxy parameters stop the command.</summary>
    internal ConnectionOptions BuildConnection()
    {
        if (NoProxy.IsPresent && (Proxy is not null || ProxyCredential is not null || ProxyUseDefaultCredentials.IsPresent))
        {
            ThrowTerminatingError(ErrorRecords.Invalid("-NoProxy cannot be combined with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials.", ErrorPrefix + "ProxyConflict", NoProxy));
        }

        return new ConnectionOptions
        {
            Provider = Provider,
            Model = Model,
            Deployment = Deployment,
            ApiKey = SecureStringTransformationAttribute.ToPlainText(ApiKey),
            BaseUri = BaseUri,
            ApiVersion = ApiVersion,
            TimeoutSec = TimeoutSec,
            MaxRetries = MaxRetries,
            Proxy = Proxy,
            ProxyCredential = ProxyCredential?.GetNetworkCredential(),
            ProxyUseDefaultCredentials = ProxyUseDefaultCredentials.IsPresent,
            NoProxy = NoProxy.IsPresent,
        };
    }

    /// <summary>Writes an engine diagnostic to the matching stream (pipeline thread only).</summary>
    internal void WriteLog(string level, string message)
    {
        switch (level)
        {
            case "warning":
                WriteWarning(message);
                break;
            case "debug":
                WriteDebug(message);
                break;
            default:
                WriteVerbose(message);
                break;
        }
    }

    /// <summary>Stops the command with an error record built from a failure.</summary>
    internal void ThrowFailure(Exception exception, object? target) =>
        ThrowTerminatingError(ErrorRecords.From(exception, ErrorPrefix, target, out _));

    /// <summary>Reports a failure: per item (non-terminating) unless it is about the whole command (configuration, key, quota).</summary>
    internal void ReportFailure(Exception exception, object? target)
    {
        ErrorRecord record = ErrorRecords.From(exception, ErrorPrefix, target, out bool commandWide);
        if (commandWide)
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }
}
