#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Summarises the errors and warnings of a log file with an AI model.

.DESCRIPTION
    Reads the last lines of a log, keeps the warnings and errors, checks how many tokens that is, and asks the model for a
    short incident summary. The provider comes from the environment (AI_PROVIDER and its key) unless -Provider is given.

.EXAMPLE
    ./Get-LogSummary.ps1 -Path /var/log/app.log -Tail 2000
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [int] $Tail = 1000,
    [int] $MaxContextTokens = 20000,
    [string] $Provider,
    [string] $Model
)

$ErrorActionPreference = 'Stop'
Import-Module AiOps -ErrorAction SilentlyContinue
if (-not (Get-Module AiOps)) { Import-Module (Join-Path $PSScriptRoot '../../out/module/AiOps') }

$lines = Get-Content -Path $Path -Tail $Tail | Where-Object { $_ -match '\b(ERROR|WARN|FATAL|CRIT)' }
if (-not $lines) {
    Write-Output "No warnings or errors in the last $Tail lines of $Path."
    return
}

# Stay within a token budget: drop the oldest lines until the context fits.
$tokens = ($lines -join "`n" | Measure-AiToken).Tokens
while ($tokens -gt $MaxContextTokens -and $lines.Count -gt 1) {
    $lines = $lines | Select-Object -Skip ([math]::Max(1, [int]($lines.Count / 10)))
    $tokens = ($lines -join "`n" | Measure-AiToken).Tokens
}
Write-Verbose "Sending $($lines.Count) lines (about $tokens tokens)."

$chat = @{ SystemPrompt = 'You are an SRE. Be factual and brief; never invent log lines.' }
if ($Provider) { $chat.Provider = $Provider }
if ($Model) { $chat.Model = $Model }
$lines | Invoke-AiChat "Summarise these log lines: what broke, since when, which hosts, and the likely cause. Use at most five bullet points." @chat
