#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Classifies incidents into typed triage records with -ResponseSchema.

.DESCRIPTION
    Each incident (from a JSON file here; from your ticketing system's API in real life) is sent in its own request with
    -PerItem, and the model must answer with the shape of the [IncidentTriage] class. The output is typed objects, ready for
    Sort-Object, Export-Csv or an API call.

.EXAMPLE
    ./Invoke-IncidentTriage.ps1 -Path ./data/incidents.json | Sort-Object Severity | Format-Table
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [string] $Provider,
    [string] $Model
)

$ErrorActionPreference = 'Stop'
Import-Module AiOps -ErrorAction SilentlyContinue
if (-not (Get-Module AiOps)) { Import-Module (Join-Path $PSScriptRoot '../../out/module/AiOps') }

enum Severity { Sev1; Sev2; Sev3; Sev4 }

class IncidentTriage {
    [string] $Id
    [Severity] $Severity
    [string] $Team
    [bool] $CustomerImpact
    [string] $Summary
}

$chat = @{
    SystemPrompt   = 'You triage incidents. Sev1 = outage or data loss, Sev2 = customers affected, Sev3 = degraded, Sev4 = cosmetic. Team is one of: database, platform, web, docs.'
    ResponseSchema = [IncidentTriage]
    ContextFormat  = 'Json'
    PerItem        = $true
    Temperature    = 0
}
if ($Provider) { $chat.Provider = $Provider }
if ($Model) { $chat.Model = $Model }

Get-Content -Raw $Path | ConvertFrom-Json | Invoke-AiChat 'Triage this incident. Copy its Id.' @chat
