#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Asks a question, falling back to the next provider when one is unavailable.

.DESCRIPTION
    Tries each provider in order. Failures that another provider may not have (rate limits, quota, outages, timeouts, a
    missing key) move on to the next provider with a warning; failures of the request itself (a bad prompt, content filtered)
    stop, because another provider would refuse it too. The answer says which provider gave it.

    AiOps already retries each provider (AI_MAX_RETRIES) before this script moves on.

.EXAMPLE
    ./Invoke-ChatWithFallback.ps1 -Prompt 'Summarise the incident.' -Provider anthropic, openai, google
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Prompt,
    [string[]] $Provider = @('openai', 'anthropic', 'google'),
    [hashtable] $Model = @{}
)

$ErrorActionPreference = 'Stop'
Import-Module AiOps -ErrorAction SilentlyContinue
if (-not (Get-Module AiOps)) { Import-Module (Join-Path $PSScriptRoot '../../out/module/AiOps') }

# The error kinds worth trying elsewhere.
$moveOn = 'MissingApiKey', 'Authentication', 'PermissionDenied', 'NotFound', 'RateLimited', 'QuotaExceeded', 'Timeout',
    'ServerError', 'Overloaded', 'CircuitOpen', 'StreamInterrupted', 'NotSupported', 'InvalidConfiguration'

$lastError = $null
foreach ($name in $Provider) {
    $chat = @{ Provider = $name }
    if ($Model[$name]) { $chat.Model = $Model[$name] }
    try {
        return Invoke-AiChat $Prompt @chat
    }
    catch {
        $kind = $_.CategoryInfo.Reason
        if ($kind -notin $moveOn) { throw }
        Write-Warning "$name failed ($kind): $($_.Exception.Message) Trying the next provider."
        $lastError = $_
    }
}
throw $lastError
