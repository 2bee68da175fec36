#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The AiOps demo through the PowerShell module: a chat, a streamed chat and an embedding-based semantic search.

.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1 demo`, after the module is packaged to out/module/AiOps. The provider comes from the
    environment: build.ps1 either points OpenAI at the provider simulator (no key set) or leaves a real key in place.
    Every step reports what it did; a failing step shows the error and its recommended action, and the demo ends with a
    terminating error (so `build.ps1 demo` fails).

.EXAMPLE
    dotnet pwsh ./examples/demo/Invoke-Demo.ps1 -RepoRoot . -Configuration Release
#>
[CmdletBinding()]
param(
    [string] $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path,
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$modulePath = Join-Path $RepoRoot 'out/module/AiOps'
Import-Module $modulePath -Force
$simulated = [bool]$env:AIOPS_DEMO_SIMULATOR
$failures = 0

function Write-Title([string] $Text) {
    Write-Host ''
    Write-Host "── $Text " -ForegroundColor Cyan -NoNewline
    Write-Host ('─' * [math]::Max(0, 70 - $Text.Length)) -ForegroundColor DarkCyan
}

function Write-Note([string] $Text) { Write-Host "   $Text" -ForegroundColor DarkGray }

function Invoke-Step([string] $Title, [scriptblock] $Body) {
    Write-Title $Title
    try { & $Body }
    catch {
        $script:failures++
        Write-Host "   ✗ $($_.Exception.Message)" -ForegroundColor Red
        if ($_.ErrorDetails -and $_.ErrorDetails.RecommendedAction) { Write-Host "     → $($_.ErrorDetails.RecommendedAction)" -ForegroundColor Yellow }
    }
}

$module = Get-Module AiOps
$default = Get-AiDefault | Select-Object -First 1
Write-Host ''
Write-Host " AiOps $($module.Version) — PowerShell module demo" -ForegroundColor White
Write-Host " Provider: " -NoNewline; Write-Host $default.Provider -ForegroundColor Green -NoNewline
Write-Host "  model: $($default.Model ?? '(provider default)')  key: $($default.ApiKey)  endpoint: $($default.BaseUri)"
if ($simulated) {
    Write-Note "No provider key is set, so this runs against the AiOps provider simulator ($env:AIOPS_DEMO_SIMULATOR)."
    Write-Note 'Its chat answers are canned or echoed. Set OPENAI_API_KEY (or ANTHROPIC_API_KEY, GEMINI_API_KEY, ...) and run the'
    Write-Note 'demo again to use a real model.'
    # Pace the simulated stream so it can be watched.
    Set-AiDefault -Header @{ 'x-sim-chunk-delay-ms' = '60' }
}

Invoke-Step '1. Chat' {
    $question = 'In two sentences: why do disks fill up on web servers, and what is the first thing to check?'
    Write-Host "   > $question" -ForegroundColor DarkYellow
    $chat = @{ SystemPrompt = 'You are a concise assistant for operations engineers.' }
    $r = Invoke-AiChat $question @chat
    Write-Host ''
    Write-Host "   $($r.Content)"
    Write-Note ("{0}/{1} · {2} in / {3} out tokens · {4:N2} s · finish: {5}" -f $r.Provider, $r.Model, $r.Usage.InputTokens, $r.Usage.OutputTokens, $r.Duration.TotalSeconds, $r.FinishReason)

    $follow = $r | Invoke-AiChat 'And the second thing?'
    Write-Host '   > And the second thing?  (the first answer piped back in: same conversation)' -ForegroundColor DarkYellow
    Write-Host "   $($follow.Content)"
    Write-Note "history: $($follow.History.Count) messages"
}

Invoke-Step '2. Streamed chat' {
    $prompt = 'Write a five-step checklist for rotating a TLS certificate without downtime.'
    $streamChat = @{}
    if ($simulated) {
        $prompt = 'Streaming sends the answer chunk by chunk as the model writes it, so a long answer starts appearing at once instead of after the whole generation. Ctrl+C cancels the request mid-stream.'
        $streamChat.Model = 'sim-echo'
        Write-Note 'The simulator echoes the prompt back, one word at a time:'
    }
    else {
        Write-Host "   > $prompt" -ForegroundColor DarkYellow
    }
    Write-Host '   ' -NoNewline
    $r = Invoke-AiChat $prompt -Stream @streamChat
    Write-Note ("streamed {0} characters · {1} out tokens · {2:N2} s" -f $r.Content.Length, $r.Usage.OutputTokens, $r.Duration.TotalSeconds)
}

Invoke-Step '3. Semantic search over runbooks' {
    $connection = @{}
    if ($simulated) {
        # The simulator's vectors are not semantic; the local provider runs a real embedding model offline, in process.
        $connection.Provider = 'local'
        Write-Note 'Embeddings come from the local provider: all-MiniLM-L6-v2 on ONNX Runtime, in process, no key, no network.'
    }
    elseif (-not (Get-AiProvider | Where-Object { $_.IsDefault -and $_.SupportsEmbeddings })) {
        $embedder = Get-AiProvider -Configured | Where-Object SupportsEmbeddings | Select-Object -First 1
        $connection.Provider = $embedder.Name
        Write-Note "The default provider has no embeddings; using $($embedder.Name) for this step."
    }
    $runbooks = Get-ChildItem (Join-Path $RepoRoot 'examples/powershell/data/runbooks') -Filter *.md |
        ForEach-Object { [pscustomobject]@{ Name = $_.BaseName; Body = Get-Content -Raw $_.FullName } }
    $index = $runbooks | Get-AiEmbedding -Property Body @connection
    Write-Note ("embedded {0} runbooks with {1}/{2} ({3} dimensions)" -f $index.Count, $index[0].Provider, $index[0].Model, $index[0].Dimensions)
    foreach ($question in 'Checkout requests time out waiting for a database connection.', 'The browser says the site''s certificate has expired.') {
        Write-Host "   > $question" -ForegroundColor DarkYellow
        $index | Compare-AiEmbedding -Query $question -Top 3 | ForEach-Object {
            $bar = '█' * [math]::Max(1, [int][math]::Round(20 * [math]::Max(0.0, [double]$_.Similarity)))
            Write-Host ("   {0}. {1,-24} {2,7:N4} " -f $_.Rank, $_.InputObject.Name, $_.Similarity) -NoNewline
            Write-Host $bar -ForegroundColor Green
        }
    }
}

Write-Title 'Usage this session'
Get-AiUsage | Format-Table Provider, Model, Requests, InputTokens, OutputTokens, Embeddings | Out-String | ForEach-Object { $_.TrimEnd() } | Write-Host
Set-AiDefault -Clear
Write-Host ''
if ($failures -gt 0) {
    # A terminating error (not `exit`), so that build.ps1, which calls this script with &, fails too.
    throw "The demo failed: $failures step(s) did not complete."
}
Write-Host ' Done: every step ran through the AiOps module.' -ForegroundColor Green
