#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Gateway benchmark: the provider simulator (0 ms latency) reached directly, through the AiOps local host, and through Portkey's
    open-source gateway (npm @portkey-ai/gateway 1.15.2). Loopback only; every run is bounded in count and time.

.DESCRIPTION
    Measures (a) sequential added latency (median of interleaved rounds), (b) req/s at 10 and 64 connections (autocannon 9.0.0),
    (c) added time to first token of a streamed reply, (d) peak RSS (VmHWM) of each gateway process. Writes out/bench/gateway.json
    and prints a Markdown table for docs/performance-gateway.md.

.EXAMPLE
    dotnet pwsh tests/AiOps.Benchmarks/gateway/Invoke-GatewayBenchmark.ps1
#>
[CmdletBinding()]
param(
    [int] $Rounds = 21,
    [int] $PerRound = 25,
    [int] $Warmup = 300,
    [int] $Duration = 10,
    [switch] $SkipPortkey,

    # Only the sequential latency and time-to-first-token rounds (no autocannon load phase).
    [switch] $SkipThroughput,

    # The upstream wire format all three arms end at: openai (the issue's setup) or anthropic (a translating run, used while the
    # OpenAI provider was not in the build). The client side is always OpenAI chat completions for the two gateways.
    [ValidateSet('openai', 'anthropic')]
    [string] $Provider = 'openai'
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path
$out = Join-Path $root 'out/bench'
$tools = Join-Path $root 'out/tools/bench'
New-Item -ItemType Directory -Force -Path $out, $tools | Out-Null

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop(); $port
}

function Start-Child([string] $File, [string[]] $Arguments, [hashtable] $Environment = @{}) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
    [System.Diagnostics.Process]::Start($psi)
}

function Wait-Http([string] $Url, [int] $Seconds = 60) {
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        try { $null = Invoke-WebRequest -Uri $Url -TimeoutSec 2 -SkipHttpErrorCheck; return } catch { Start-Sleep -Milliseconds 200 }
    }
    throw "Nothing answered at $Url within $Seconds s."
}

function Get-PeakRssMb([System.Diagnostics.Process] $Process) {
    $line = Get-Content "/proc/$($Process.Id)/status" | Where-Object { $_ -like 'VmHWM:*' }
    [math]::Round(([double]($line -replace '[^0-9]', '')) / 1024, 1)
}

Write-Host '==> Building the simulator and the gateway host (Release)'
& dotnet build (Join-Path $root 'tests/AiOps.Simulator/AiOps.Simulator.csproj') -c Release -nologo -v q '-clp:ErrorsOnly' | Out-Host
& dotnet build (Join-Path $root 'src/AiOps.Gateway.Host/AiOps.Gateway.Host.csproj') -c Release -nologo -v q '-clp:ErrorsOnly' | Out-Host

$node = (Get-Command node).Source
if (-not (Test-Path (Join-Path $tools 'node_modules/autocannon')) -or -not (Test-Path (Join-Path $tools 'node_modules/@portkey-ai/gateway'))) {
    Write-Host '==> Installing autocannon 9.0.0 and @portkey-ai/gateway 1.15.2 into out/tools/bench'
    & npm install --prefix $tools autocannon@9.0.0 '@portkey-ai/gateway@1.15.2' --no-audit --no-fund --ignore-scripts | Out-Host
}
$autocannon = Join-Path $tools 'node_modules/autocannon/autocannon.js'
$portkeyServer = Join-Path $tools 'node_modules/@portkey-ai/gateway/build/start-server.js'

$children = @()
try {
    $simPort = Get-FreePort
    $sim = Start-Child 'dotnet' @((Join-Path $root 'tests/AiOps.Simulator/bin/Release/net10.0/AiOps.Simulator.dll'), '--port', "$simPort", '--parent-pid', "$PID")
    $children += $sim
    Wait-Http "http://127.0.0.1:$simPort/__health"

    $gwPort = Get-FreePort
    $gatewayEnv = @{ AI_PROVIDER = $Provider; AIOPS_GATEWAY_KEYS = 'bench-gateway-key'; AI_MAX_RETRIES = '0'; Logging__LogLevel__Default = 'Warning'; ASPNETCORE_ENVIRONMENT = 'Production' }
    if ($Provider -eq 'openai') { $gatewayEnv += @{ OPENAI_API_KEY = 'sk-bench'; OPENAI_BASE_URL = "http://127.0.0.1:$simPort/v1" } }
    else { $gatewayEnv += @{ ANTHROPIC_API_KEY = 'sk-bench'; ANTHROPIC_BASE_URL = "http://127.0.0.1:$simPort" } }
    $gateway = Start-Child 'dotnet' @((Join-Path $root 'src/AiOps.Gateway.Host/bin/Release/net10.0/AiOps.Gateway.Host.dll'), '--urls', "http://127.0.0.1:$gwPort") $gatewayEnv
    $children += $gateway
    Wait-Http "http://127.0.0.1:$gwPort/api/health"

    $portkey = $null
    if (-not $SkipPortkey) {
        $pkPort = Get-FreePort
        $portkey = Start-Child $node @($portkeyServer, "--port=$pkPort", '--headless')
        $children += $portkey
        try { Wait-Http "http://127.0.0.1:$pkPort/" 30 } catch { Write-Warning "Portkey did not start: $_"; $portkey = $null }
    }

    $chat = @{ model = 'gpt-4o-mini'; max_tokens = 100; messages = @(@{ role = 'user'; content = 'Say hello' }) }
    $stream = @{ model = 'gpt-4o-mini'; max_tokens = 100; stream = $true; messages = @(@{ role = 'user'; content = 'Say hello' }) }
    if ($Provider -eq 'openai') {
        $direct = @{ name = 'direct'; url = "http://127.0.0.1:$simPort/v1/chat/completions"; headers = @{ authorization = 'Bearer sk-bench' } }
    }
    else {
        $direct = @{ name = 'direct'; url = "http://127.0.0.1:$simPort/v1/messages"; headers = @{ 'x-api-key' = 'sk-bench'; 'anthropic-version' = '2023-06-01' }; firstToken = '"text":"[^"]' }
    }
    $arms = @(
        $direct
        @{ name = 'aiops'; url = "http://127.0.0.1:$gwPort/api/v1/chat/completions"; headers = @{ authorization = 'Bearer bench-gateway-key' } }
    )
    if ($portkey) {
        $customHost = "http://127.0.0.1:$simPort/v1"
        $arms += @{ name = 'portkey'; url = "http://127.0.0.1:$pkPort/v1/chat/completions"; headers = @{
            authorization = 'Bearer sk-bench'; 'x-portkey-provider' = $Provider; 'x-portkey-custom-host' = $customHost } }
    }

    $results = [ordered]@{ provider = $Provider; machine = "$([Environment]::ProcessorCount) cores, $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription)"; node = (& $node --version) }
    foreach ($mode in 'chat', 'stream') {
        Write-Host "==> Sequential $mode latency: $Rounds rounds x $PerRound requests per arm, interleaved"
        $config = @{ mode = $mode; rounds = $Rounds; perRound = $PerRound; warmup = $Warmup; arms = @($arms | ForEach-Object { $_ + @{ body = $(if ($mode -eq 'chat') { $chat } else { $stream }) } }) }
        $json = & $node (Join-Path $PSScriptRoot 'latency.mjs') ($config | ConvertTo-Json -Depth 10 -Compress)
        $results["sequential_$mode"] = $json | ConvertFrom-Json
    }

    foreach ($connections in $(if ($SkipThroughput) { @() } else { @(10, 64) })) {
        foreach ($arm in $arms) {
            Write-Host "==> autocannon -c $connections -d $Duration $($arm.name)"
            $acArgs = @($autocannon, '-c', "$connections", '-d', "$Duration", '-m', 'POST', '-j', '-H', 'content-type=application/json')
            foreach ($h in $arm.headers.GetEnumerator()) { $acArgs += @('-H', "$($h.Key)=$($h.Value)") }
            $acArgs += @('-b', ($chat | ConvertTo-Json -Depth 5 -Compress), $arm.url)
            $ac = (& $node @acArgs 2>$null) | ConvertFrom-Json
            $results["throughput_c$($connections)_$($arm.name)"] = [ordered]@{
                rps = $ac.requests.average; p50 = $ac.latency.p50; p99 = $ac.latency.p99; non2xx = $ac.non2xx; errors = $ac.errors; timeouts = $ac.timeouts
            }
        }
    }

    $results['peak_rss_mb'] = [ordered]@{ simulator = Get-PeakRssMb $sim; aiops = Get-PeakRssMb $gateway }
    if ($portkey) { $results['peak_rss_mb']['portkey'] = Get-PeakRssMb $portkey }

    $results | ConvertTo-Json -Depth 10 | Set-Content (Join-Path $out 'gateway.json')
    Write-Host "==> Results: $(Join-Path $out 'gateway.json')"
    $results | ConvertTo-Json -Depth 10 | Write-Host
}
finally {
    foreach ($child in $children) {
        if ($child -and -not $child.HasExited) { $child.Kill($true); $child.WaitForExit() }
    }
}
