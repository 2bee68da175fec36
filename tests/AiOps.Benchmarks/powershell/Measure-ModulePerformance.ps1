#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Benchmarks the AiOps PowerShell module: import time, and 10,000 strings through Get-AiEmbedding at 20 ms simulated latency.

.DESCRIPTION
    1. Import-Module AiOps in a fresh pwsh, median of -ImportRuns runs, beside Import-Module Microsoft.PowerShell.Utility in
       the same runs (target: AiOps at most 300 ms).
    2. -Count strings piped into Get-AiEmbedding against the provider simulator answering each request after 20 ms
       (model sim-slow-20), for several batch sizes and concurrency limits, against the ideal ceil(N / batch) / concurrency
       x latency (target: within 1.3x).
    3. The same workload sent one request per item, one after another, as single-item modules do.

    Writes a markdown report (default docs/performance-powershell.md). Needs the module built (build.ps1 package) and the
    simulator built. Not part of CI: run it by hand on a quiet machine.

.EXAMPLE
    dotnet pwsh ./tests/AiOps.Benchmarks/powershell/Measure-ModulePerformance.ps1 -RepoRoot .
#>
[CmdletBinding()]
param(
    [string] $RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path,
    [string] $Configuration = 'Release',
    [int] $ImportRuns = 15,
    [int] $Count = 10000,
    [int] $LatencyMs = 20,
    [int] $Repeat = 3,
    [switch] $SkipPerItem,
    [string] $OutputFile = (Join-Path $RepoRoot 'docs/performance-powershell.md')
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$modulePath = Join-Path $RepoRoot 'out/module/AiOps'
if (-not (Test-Path (Join-Path $modulePath 'AiOps.psd1'))) { throw "Build the module first: dotnet pwsh ./build.ps1 package" }

function Get-PwshCommand {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    @($exe)
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { $sorted[[int][math]::Floor($n / 2)] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Measure-FreshImport([string] $Module, [string] $After) {
    # Times Import-Module inside a fresh process (process start-up excluded), optionally after importing another module first.
    $pwsh = @(Get-PwshCommand)
    $first = if ($After) { "Import-Module '$After'; " } else { '' }
    $script = "$first`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$Module'; `$sw.Stop(); `$sw.Elapsed.TotalMilliseconds"
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
    [double]((& $pwsh[0] @arguments) | Select-Object -Last 1)
}

function Start-Simulator {
    $dll = Join-Path $RepoRoot "tests/AiOps.Simulator/bin/$Configuration/net10.0/AiOps.Simulator.dll"
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--parent-pid', "$PID")) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $p = [System.Diagnostics.Process]::Start($psi)
    while ($true) {
        $line = $p.StandardOutput.ReadLine()
        if ($null -eq $line) { throw 'The simulator did not start.' }
        if ($line -match '^LISTENING (\d+)$') { return [pscustomobject]@{ Process = $p; Port = [int]$Matches[1] } }
    }
}

Write-Host "Import-Module: $ImportRuns fresh processes each..."
$aiops = @(); $utility = @(); $aiopsSecond = @()
for ($i = 0; $i -lt $ImportRuns; $i++) {
    $aiops += Measure-FreshImport $modulePath
    $utility += Measure-FreshImport 'Microsoft.PowerShell.Utility'
    $aiopsSecond += Measure-FreshImport $modulePath -After 'Microsoft.PowerShell.Utility'
}
$aiopsMedian = Get-Median $aiops
$utilityMedian = Get-Median $utility
$aiopsSecondMedian = Get-Median $aiopsSecond
Write-Host ("  AiOps median {0:N1} ms, Microsoft.PowerShell.Utility median {1:N1} ms" -f $aiopsMedian, $utilityMedian)

$sim = Start-Simulator
$rows = [System.Collections.Generic.List[object]]::new()
try {
    $env:OPENAI_API_KEY = 'sk-benchmark-0123456789abcdef'
    $env:OPENAI_BASE_URL = "http://127.0.0.1:$($sim.Port)/v1"
    $env:AI_PROVIDER = 'openai'
    $env:AI_RATE_LIMIT = $null
    Import-Module $modulePath -Force
    $texts = 1..$Count | ForEach-Object { "log line ${_}: connection pool at $($_ % 100)% on web-$($_ % 7)" }
    $model = "sim-slow-$LatencyMs"
    # Warm-up: JIT, connections.
    $null = $texts | Select-Object -First 500 | Get-AiEmbedding -Model $model -Dimensions 8 -BatchSize 100

    foreach ($case in @(
            @{ BatchSize = 50; ThrottleLimit = 4 }
            @{ BatchSize = 100; ThrottleLimit = 4 }
            @{ BatchSize = 100; ThrottleLimit = 8 }
            @{ BatchSize = 250; ThrottleLimit = 4 }
            @{ BatchSize = 2048; ThrottleLimit = 4 })) {
        $times = for ($r = 0; $r -lt $Repeat; $r++) {
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $out = $texts | Get-AiEmbedding -Model $model -Dimensions 8 -BatchSize $case.BatchSize -ThrottleLimit $case.ThrottleLimit
            $sw.Stop()
            if (@($out).Count -ne $Count) { throw "Expected $Count embeddings, got $(@($out).Count)." }
            $sw.Elapsed.TotalMilliseconds
        }
        $batches = [math]::Ceiling($Count / $case.BatchSize)
        $ideal = $batches / $case.ThrottleLimit * $LatencyMs
        $median = Get-Median $times
        $row = [pscustomobject]@{
            Mode = 'pipeline batching'; BatchSize = $case.BatchSize; ThrottleLimit = $case.ThrottleLimit; Requests = $batches
            IdealMs = [math]::Round($ideal, 1); MedianMs = [math]::Round($median, 1); Ratio = [math]::Round($median / $ideal, 2)
        }
        $rows.Add($row)
        Write-Host ("  batch {0,5} x {1} concurrent: median {2,8:N1} ms, ideal {3,7:N1} ms, ratio {4:N2}" -f $case.BatchSize, $case.ThrottleLimit, $median, $ideal, ($median / $ideal))
    }

    if (-not $SkipPerItem) {
        Write-Host "  one request per item ($Count sequential requests; takes a few minutes)..."
        $sw = [Diagnostics.Stopwatch]::StartNew()
        foreach ($t in $texts) { $null = Get-AiEmbedding -InputObject $t -Model $model -Dimensions 8 }
        $sw.Stop()
        $ideal = $Count * $LatencyMs
        $rows.Add([pscustomobject]@{
                Mode = 'one request per item'; BatchSize = 1; ThrottleLimit = 1; Requests = $Count
                IdealMs = $ideal; MedianMs = [math]::Round($sw.Elapsed.TotalMilliseconds, 1); Ratio = [math]::Round($sw.Elapsed.TotalMilliseconds / $ideal, 2)
            })
        Write-Host ("  one per item: {0:N1} s" -f $sw.Elapsed.TotalSeconds)
    }
}
finally {
    $sim.Process.Kill($true)
    $sim.Process.Dispose()
}

$load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'n/a' }
$cpu = if (Test-Path /proc/cpuinfo) { ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim() } else { $env:PROCESSOR_IDENTIFIER }
$best = $rows | Where-Object Mode -EQ 'pipeline batching' | Sort-Object Ratio | Select-Object -First 1
$perItem = $rows | Where-Object Mode -EQ 'one request per item'
$report = @"
# PowerShell module performance

Measured $(Get-Date -AsUTC -Format 'yyyy-MM-dd HH:mm') UTC by ``tests/AiOps.Benchmarks/powershell/Measure-ModulePerformance.ps1`` (run by hand, not in CI).

Machine: $cpu, $([Environment]::ProcessorCount) logical cores (load average at the end: $load), $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription),
PowerShell $($PSVersionTable.PSVersion) on .NET $([Environment]::Version), module configuration $Configuration.

## Import-Module in a fresh pwsh

Median of $ImportRuns fresh processes, timing ``Import-Module`` only (process start-up excluded), both modules in the same runs:

| module | median | min | max |
|---|---:|---:|---:|
| AiOps | $('{0:N1}' -f $aiopsMedian) ms | $('{0:N1}' -f ($aiops | Measure-Object -Minimum).Minimum) ms | $('{0:N1}' -f ($aiops | Measure-Object -Maximum).Maximum) ms |
| Microsoft.PowerShell.Utility | $('{0:N1}' -f $utilityMedian) ms | $('{0:N1}' -f ($utility | Measure-Object -Minimum).Minimum) ms | $('{0:N1}' -f ($utility | Measure-Object -Maximum).Maximum) ms |
| AiOps, imported after Microsoft.PowerShell.Utility | $('{0:N1}' -f $aiopsSecondMedian) ms | $('{0:N1}' -f ($aiopsSecond | Measure-Object -Minimum).Minimum) ms | $('{0:N1}' -f ($aiopsSecond | Measure-Object -Maximum).Maximum) ms |

Target: AiOps at most 300 ms — $(if ($aiopsMedian -le 300) { 'met' } else { '**not met**' }). Importing loads only the cmdlet assembly
(AiOps.PowerShell.dll) and the format and type files; the engine, AiOps.Core and their dependencies load into the module's
own AssemblyLoadContext on the first command that needs them.

## $Count strings through Get-AiEmbedding at $LatencyMs ms per request

The provider simulator answers every embeddings request after $LatencyMs ms (model ``sim-slow-$LatencyMs``, ``-Dimensions 8`` so
that JSON size does not dominate). Ideal = ceil(N / batch) / concurrency x latency. Median of $Repeat runs after a warm-up;
the time covers piping $Count strings in and receiving $Count ``AiEmbedding`` objects in input order.

| mode | batch | concurrency | requests | ideal | measured | measured / ideal |
|---|---:|---:|---:|---:|---:|---:|
$(($rows | ForEach-Object { "| $($_.Mode) | $($_.BatchSize) | $($_.ThrottleLimit) | $($_.Requests) | $('{0:N1}' -f $_.IdealMs) ms | $('{0:N1}' -f $_.MedianMs) ms | $('{0:N2}' -f $_.Ratio) |" }) -join "`n")

Target: within 1.3x of the ideal. Best batching case: batch $($best.BatchSize) x $($best.ThrottleLimit), ratio $('{0:N2}' -f $best.Ratio) — $(if ($best.Ratio -le 1.3) { 'met' } else { '**not met**' }).
With the provider's own limit (2,048 per request) the ideal is only a few tens of milliseconds, so the fixed cost of
moving $Count objects through the PowerShell pipeline (binding, AiEmbedding objects, output) dominates and the ratio says
little; the smaller batches show how close the concurrent batching gets when latency dominates.
$(if ($perItem) { "`nOne request per item, sequentially (what single-item modules do): $('{0:N1}' -f ($perItem.MedianMs / 1000)) s, about $('{0:N0}' -f ($perItem.MedianMs / $best.MedianMs))x the best batched time." })
"@
Set-Content -Path $OutputFile -Value $report -Encoding utf8NoBOM
Write-Host "Report written to $OutputFile"
