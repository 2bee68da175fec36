#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Answers "which runbook fixes ...?" by semantic search over a folder of Markdown runbooks, entirely offline.
.DESCRIPTION
    Embeds every runbook with the local provider (all-MiniLM-L6-v2 running inside the AiOps module: no API key, no network,
    the runbooks never leave the machine), embeds the question the same way, and ranks the runbooks by cosine similarity with
    Compare-AiEmbedding. Runbooks longer than the model's 256-word-piece window are embedded whole (chunk-and-average).
.PARAMETER Question
    What you are looking for, in your own words.
.PARAMETER Path
    The folder of runbooks (*.md). Defaults to the sample runbooks next to this script.
.PARAMETER Top
    How many runbooks to list.
.PARAMETER Provider
    The embeddings provider. Local (the default) works offline; any provider with embeddings works the same way.
.EXAMPLE
    ./Find-Runbook.ps1 'which runbook fixes a full disk?'
.EXAMPLE
    ./Find-Runbook.ps1 -Question 'users get certificate errors' -Path ~/runbooks -Top 1
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string] $Question = 'which runbook fixes a full disk?',

    [string] $Path = (Join-Path $PSScriptRoot 'runbooks'),

    [ValidateRange(1, 100)]
    [int] $Top = 3,

    [string] $Provider = 'Local'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

if (-not (Get-Module AiOps)) {
    # Use the repository's build output when it exists (`build.ps1 package`), else an installed AiOps module.
    $built = Join-Path $PSScriptRoot '../../out/module/AiOps/AiOps.psd1'
    if (Test-Path $built) { Import-Module $built } else { Import-Module AiOps }
}

$runbooks = Get-ChildItem -Path $Path -Filter '*.md' -File | ForEach-Object {
    [pscustomobject]@{
        Name  = $_.BaseName
        Title = (Get-Content -LiteralPath $_.FullName -TotalCount 1) -replace '^#\s*', ''
        Path  = $_.FullName
        Text  = Get-Content -LiteralPath $_.FullName -Raw
    }
}
if (-not $runbooks) { throw "No runbooks (*.md) in '$Path'." }

$index = $runbooks | Get-AiEmbedding -Property Text -Provider $Provider
$query = $Question | Get-AiEmbedding -Provider $Provider

$index | Compare-AiEmbedding -Query $query -Top $Top | ForEach-Object {
    [pscustomobject]@{
        Rank       = $_.Rank
        Similarity = [math]::Round($_.Similarity, 3)
        Runbook    = $_.InputObject.Name
        Title      = $_.InputObject.Title
        Path       = $_.InputObject.Path
    }
}
