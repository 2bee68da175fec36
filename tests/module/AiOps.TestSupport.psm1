# Shared helpers for the AiOps Pester tests: the provider simulator as a process, recorded requests, a clean environment.
Set-StrictMode -Version 3.0

$script:RepoRoot = if ($env:AIOPS_REPO_ROOT) { $env:AIOPS_REPO_ROOT } else { (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path }
$script:Configuration = if ($env:AIOPS_CONFIGURATION) { $env:AIOPS_CONFIGURATION } else { 'Release' }
$script:AiVariables = @(
    'AI_PROVIDER', 'AI_API_KEY', 'AI_BASE_URL', 'AI_DEFAULT_MODEL', 'AI_EMBEDDING_MODEL', 'AI_TIMEOUT', 'AI_MAX_RETRIES', 'AI_RETRY_BACKOFF',
    'AI_RETRY_MAX_DELAY', 'AI_CIRCUIT_BREAKER', 'AI_CIRCUIT_BREAKER_THRESHOLD', 'AI_CIRCUIT_BREAKER_DURATION', 'AI_RATE_LIMIT', 'AI_FALLBACK',
    'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'GEMINI_API_KEY',
    'GOOGLE_API_KEY', 'GEMINI_BASE_URL', 'AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_API_VERSION', 'AZURE_OPENAI_DEPLOYMENT',
    'AZURE_OPENAI_EMBEDDING_DEPLOYMENT', 'OLLAMA_HOST')

function Get-AiOpsRepoRoot { $script:RepoRoot }

function Get-AiOpsModulePath { Join-Path $script:RepoRoot 'out/module/AiOps' }

function Get-PwshCommand {
    # Under `dotnet pwsh` the process is dotnet itself: run pwsh.dll through it.
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($exe)
}

function Invoke-ChildPwsh {
    # Runs a script in a fresh pwsh and returns its exit code and output lines.
    param([Parameter(Mandatory)][string] $Script, [hashtable] $Environment = @{})
    $pwsh = @(Get-PwshCommand)
    $file = Join-Path ([IO.Path]::GetTempPath()) ("aiops-test-{0}.ps1" -f [guid]::NewGuid())
    Set-Content -Path $file -Value $Script -Encoding utf8NoBOM
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)
        $output = & $pwsh[0] @arguments 2>&1 | ForEach-Object { "$_" }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output) }
    }
    finally {
        foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        Remove-Item $file -ErrorAction SilentlyContinue
    }
}

function Start-AiOpsSimulator {
    $dll = Join-Path $script:RepoRoot "tests/AiOps.Simulator/bin/$script:Configuration/net10.0/AiOps.Simulator.dll"
    if (-not (Test-Path $dll)) { throw "The simulator is not built at $dll (dotnet build tests/AiOps.Simulator -c $script:Configuration)." }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--parent-pid', "$PID")) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    while ($true) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { throw 'The simulator exited before it printed LISTENING.' }
        if ($line -match '^LISTENING (\d+)$') {
            $port = [int]$Matches[1]
            return [pscustomobject]@{ Process = $process; Port = $port; Url = "http://127.0.0.1:$port" }
        }
    }
}

function Stop-AiOpsSimulator {
    param($Simulator)
    if ($Simulator -and -not $Simulator.Process.HasExited) { $Simulator.Process.Kill($true) }
    if ($Simulator) { $Simulator.Process.Dispose() }
}

function Reset-SimRequests {
    param([Parameter(Mandatory)] $Simulator)
    Invoke-RestMethod -Method Post -Uri "$($Simulator.Url)/__reset" | Out-Null
}

function Get-SimRequests {
    # The requests the simulator received (control routes left out), each with its JSON body parsed.
    param([Parameter(Mandatory)] $Simulator)
    $all = Invoke-RestMethod -Uri "$($Simulator.Url)/__requests"
    @($all | Where-Object { $_.path -notlike '/__*' } | ForEach-Object {
            $json = if ($_.body) { try { $_.body | ConvertFrom-Json -Depth 64 } catch { $null } } else { $null }
            $_ | Add-Member -NotePropertyName Json -NotePropertyValue $json -PassThru
        })
}

function Save-AiEnvironment {
    # Saves and clears every variable AiOps reads, so tests start from nothing; returns what Restore-AiEnvironment needs.
    $saved = @{}
    foreach ($name in $script:AiVariables) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }
    $saved
}

function Restore-AiEnvironment {
    param([hashtable] $Saved)
    if (-not $Saved) { return }
    foreach ($name in $script:AiVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

function Set-SimulatorEnvironment {
    # Points OpenAI (the default provider) at the simulator with a test key.
    param([Parameter(Mandatory)] $Simulator, [string] $Key = 'sk-test-simulator-0123456789abcdef')
    $env:OPENAI_API_KEY = $Key
    $env:OPENAI_BASE_URL = "$($Simulator.Url)/v1"
    $env:AI_RETRY_BACKOFF = '10ms'
}

function Import-AiOpsForTest {
    Get-Module AiOps -All | Remove-Module -Force -ErrorAction SilentlyContinue
    Import-Module (Get-AiOpsModulePath) -Force -Global -ErrorAction Stop
}


function Import-TestDoubles {
    # Compiles the test doubles once per process.
    if (-not ('AiOpsTests.CannedServer' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'TestDoubles.cs')
    }
}

function New-HostedRunspace {
    # A runspace whose host answers prompts from $Host.Script.Answers, with the module imported.
    param([Parameter(Mandatory)] $TestHost)
    $runspace = [runspacefactory]::CreateRunspace($TestHost)
    $runspace.Open()
    $ps = [powershell]::Create()
    $ps.Runspace = $runspace
    $null = $ps.AddScript("Import-Module '$(Get-AiOpsModulePath)'").Invoke()
    $ps.Commands.Clear()
    $ps
}

Export-ModuleMember -Function *
