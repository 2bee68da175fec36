#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Finds the runbooks that answer a question (semantic search) and, with -Answer, asks the model to answer from them.

.DESCRIPTION
    Embeds every markdown runbook in a folder (once; the embeddings are cached next to the runbooks in a Clixml file keyed
    by provider, model and file times), embeds the question, ranks the runbooks with Compare-AiEmbedding, and optionally
    sends the best matches as context to Invoke-AiChat.

.EXAMPLE
    ./Search-Runbook.ps1 -Path ./data/runbooks -Question 'Orders fail with timeouts acquiring a connection' -Answer
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [string] $Question,
    [int] $Top = 2,
    [switch] $Answer,
    [string] $Provider,
    [string] $Model,
    [string] $CachePath
)

$ErrorActionPreference = 'Stop'
Import-Module AiOps -ErrorAction SilentlyContinue
if (-not (Get-Module AiOps)) { Import-Module (Join-Path $PSScriptRoot '../../out/module/AiOps') }

$connection = @{}
if ($Provider) { $connection.Provider = $Provider }

$files = Get-ChildItem -Path $Path -Filter *.md -File | Sort-Object Name
$stamp = ($files | ForEach-Object { "$($_.Name)@$($_.LastWriteTimeUtc.Ticks)" }) -join ';'
$cache = if ($CachePath) { $CachePath } else { Join-Path ([IO.Path]::GetTempPath()) 'aiops-runbook-embeddings.xml' }
$index = if (Test-Path $cache) { Import-Clixml $cache } else { $null }
if (-not $index -or $index.Stamp -ne $stamp -or ($Provider -and $index.Provider -ne $Provider)) {
    Write-Verbose "Embedding $($files.Count) runbooks."
    $documents = $files | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Body = Get-Content -Raw $_.FullName } }
    $embeddings = $documents | Get-AiEmbedding -Property Body @connection
    $index = [pscustomobject]@{ Stamp = $stamp; Provider = $embeddings[0].Provider; Embeddings = $embeddings }
    $index | Export-Clixml $cache
}

# A text query is embedded with the runbooks' own provider and model.
$ranked = $index.Embeddings | Compare-AiEmbedding -Query $Question -Top $Top
$ranked | ForEach-Object { [pscustomobject]@{ Rank = $_.Rank; Similarity = [math]::Round($_.Similarity, 4); Runbook = $_.InputObject.Name } }

if ($Answer) {
    $chat = @{ SystemPrompt = 'Answer only from the runbooks given. Name the runbook you used. If they do not cover the question, say so.' }
    if ($Model) { $chat.Model = $Model }
    $ranked | ForEach-Object { "## $($_.InputObject.Name)`n$($_.Text)" } | Invoke-AiChat $Question @chat @connection
}
