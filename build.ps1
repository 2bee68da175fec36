#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests, packages and demonstrates AiOps.

.DESCRIPTION
    One entry point for developers and CI. Run it with the PowerShell local tool:

        dotnet tool restore && dotnet pwsh ./build.ps1 test

    Tasks:
      restore   restore NuGet packages (and the tool packages: Pester, the Bicep CLI)
      build     compile the solution
      test      every xUnit project, the Pester tests and the Bicep checks; ends with "N passed, N failed"
      package   lay the PowerShell module out at out/module/AiOps
      publish   NuGet packages, the Gallery-ready module package and the Functions zip in out/packages
      bench     run the BenchmarkDotNet suites (not part of CI)
      demo      start the provider simulator and run a chat, a stream and an embedding (or use a real provider key)
      serve     serve the gateway on 127.0.0.1:<Port> in the foreground
      lint      compile and lint the Bicep templates
      clean     remove build output

.PARAMETER Task
    The task to run. The default is build.

.PARAMETER Configuration
    Debug or Release. The default is Release.

.PARAMETER Port
    The port for serve. The default is 8080.

.PARAMETER Filter
    test: a dotnet test filter expression; bench: a BenchmarkDotNet filter.

.EXAMPLE
    dotnet pwsh ./build.ps1 test
.EXAMPLE
    dotnet pwsh ./build.ps1 demo
.EXAMPLE
    dotnet pwsh ./build.ps1 serve -Port 5080
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('restore', 'build', 'test', 'package', 'publish', 'bench', 'demo', 'serve', 'lint', 'clean')]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [ValidateRange(0, 65535)]
    [int] $Port = 8080,

    [string] $Filter
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Write-Step([string] $Message) {
    Write-Host "==> $Message" -ForegroundColor Cyan
}

function Invoke-Native {
    # Runs a native command and throws when it fails, so a failure anywhere stops the task with a non-zero exit.
    # A plain function (no [Parameter]) so that arguments such as -o or -v are passed through, not bound.
    $file = $args[0]
    $rest = @($args | Select-Object -Skip 1)
    & $file @rest
    if ($LASTEXITCODE -ne 0) {
        throw "'$file $($rest -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    return Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

function Invoke-Restore {
    Write-Step 'Restoring packages'
    Invoke-Native dotnet restore (Join-Path $Root 'AiOps.sln')
    Invoke-Native dotnet restore (Join-Path $Root 'tests/tools/AiOps.ToolRestore.csproj')
}

function Invoke-Build {
    Invoke-Restore
    Write-Step "Building ($Configuration)"
    Invoke-Native dotnet build (Join-Path $Root 'AiOps.sln') -c $Configuration --no-restore -nologo '-clp:ErrorsOnly;Summary'
}

function Get-TrxCounts([string] $Directory) {
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem -Path $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        [xml] $doc = Get-Content -LiteralPath $trx.FullName -Raw
        $counters = $doc.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        $skipped += [int] $counters.notExecuted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

function Invoke-XunitTests {
    $results = @()
    $projects = Get-ChildItem -Path (Join-Path $Root 'tests') -Filter '*.Tests.csproj' -Recurse | Sort-Object Name
    foreach ($project in $projects) {
        $name = $project.BaseName
        $resultsDir = Join-Path $Out "test-results/$name"
        Remove-Item -Recurse -Force $resultsDir -ErrorAction SilentlyContinue
        Write-Step "xUnit: $name"
        $testArgs = @('test', $project.FullName, '-c', $Configuration, '--no-build', '--nologo',
            '--logger', "trx;LogFileName=$name.trx", '--logger', 'console;verbosity=minimal', '--results-directory', $resultsDir,
            '--blame-hang-timeout', '5m')
        if ($Filter) { $testArgs += @('--filter', $Filter) }
        & dotnet @testArgs | Out-Host
        $exit = $LASTEXITCODE
        $counts = Get-TrxCounts $resultsDir
        if ($exit -ne 0 -and $counts.Failed -eq 0) {
            # The runner itself failed (crash, hang, build problem): count it as a failure so it cannot pass silently.
            $counts.Failed = 1
            Write-Host "    $name : the test runner exited with $exit" -ForegroundColor Red
        }
        $results += [pscustomobject]@{ Runner = "xunit:$name"; Passed = $counts.Passed; Failed = $counts.Failed; Skipped = $counts.Skipped }
    }
    $results
}

function Invoke-PesterTests {
    $testDir = Join-Path $Root 'tests/module'
    $files = @(Get-ChildItem -Path $testDir -Filter '*.Tests.ps1' -ErrorAction SilentlyContinue)
    if ($files.Count -eq 0) { return @() }
    Invoke-Package
    # The Pester package keeps the module under tools/.
    $pester = Join-Path (Get-NuGetPackagesRoot) 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 was not restored to $pester." }
    Write-Step 'Pester: tests/module'
    $resultFile = Join-Path $Out 'test-results/pester.json'
    New-Item -ItemType Directory -Force -Path (Split-Path $resultFile) | Out-Null
    # A child pwsh keeps the module's assemblies out of this build process.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester' -MinimumVersion 5.7.1
`$config = New-PesterConfiguration
`$config.Run.Path = '$testDir'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $Out 'test-results/pester.xml')'
`$env:AIOPS_REPO_ROOT = '$Root'
`$env:AIOPS_CONFIGURATION = '$Configuration'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount; Skipped = `$r.SkippedCount } | ConvertTo-Json | Set-Content '$resultFile'
"@
    # Under `dotnet pwsh` this process is dotnet itself: start pwsh.dll through it.
    $pwsh = @([Environment]::ProcessPath)
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += Join-Path $PSHOME 'pwsh.dll' }
    $pwshArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script)
    & $pwsh[0] @pwshArgs | Out-Host
    $exit = $LASTEXITCODE
    if (Test-Path $resultFile) {
        $counts = Get-Content $resultFile -Raw | ConvertFrom-Json
    }
    else {
        $counts = [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
        Write-Host "    Pester did not report results (exit $exit)" -ForegroundColor Red
    }
    [pscustomobject]@{ Runner = 'pester'; Passed = [int]$counts.Passed; Failed = [int]$counts.Failed; Skipped = [int]$counts.Skipped }
}

function Invoke-Lint {
    $script = Join-Path $Root 'infra/Invoke-BicepLint.ps1'
    if (-not (Test-Path $script)) { return @() }
    Write-Step 'Bicep: build and lint'
    $r = & $script -RepoRoot $Root | Select-Object -Last 1
    [pscustomobject]@{ Runner = 'bicep'; Passed = [int]$r.Passed; Failed = [int]$r.Failed; Skipped = 0 }
}

function Invoke-Test {
    Invoke-Build
    $results = @()
    $results += Invoke-XunitTests
    $results += Invoke-PesterTests
    $results += Invoke-Lint
    Write-Host ''
    $results | Format-Table -AutoSize | Out-String | Write-Host
    $passed = ($results | Measure-Object -Property Passed -Sum).Sum
    $failed = ($results | Measure-Object -Property Failed -Sum).Sum
    $skipped = ($results | Measure-Object -Property Skipped -Sum).Sum
    if ($null -eq $passed) { $passed = 0 }
    if ($null -eq $failed) { $failed = 0 }
    if ($null -eq $skipped) { $skipped = 0 }
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Package {
    $script = Join-Path $Root 'module/Build-Module.ps1'
    if (-not (Test-Path $script)) {
        Write-Host 'package: the PowerShell module is not part of this build yet.'
        return
    }
    Write-Step 'Packaging the PowerShell module to out/module/AiOps'
    & $script -RepoRoot $Root -Configuration $Configuration -OutputPath (Join-Path $Out 'module/AiOps')
}

function Invoke-Publish {
    $script = Join-Path $Root 'build/Publish-Packages.ps1'
    if (-not (Test-Path $script)) { throw 'publish: packaging is not implemented yet (issue "Packaging and distribution").' }
    Invoke-Build
    & $script -RepoRoot $Root -Configuration $Configuration -OutputPath (Join-Path $Out 'packages')
}

function Start-Simulator {
    # Starts the provider simulator on a free loopback port and returns the process and its port.
    $project = Join-Path $Root 'tests/AiOps.Simulator/AiOps.Simulator.csproj'
    # Out-Host: the build output must not become part of this function's return value.
    Invoke-Native dotnet build $project -c $Configuration --nologo -v q '-clp:ErrorsOnly' | Out-Host
    $dll = Join-Path $Root "tests/AiOps.Simulator/bin/$Configuration/net10.0/AiOps.Simulator.dll"
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--parent-pid', "$PID")) { $psi.ArgumentList.Add($a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { break }
        if ($line -match '^LISTENING (\d+)$') {
            return [pscustomobject]@{ Process = $process; Port = [int]$Matches[1] }
        }
    }
    $process.Kill($true)
    throw 'The provider simulator did not start (no LISTENING line).'
}

function Invoke-Demo {
    $script = Join-Path $Root 'examples/demo/Invoke-Demo.ps1'
    $realKey = @('OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_API_KEY', 'AZURE_OPENAI_API_KEY', 'AI_API_KEY') |
        Where-Object { [Environment]::GetEnvironmentVariable($_) } | Select-Object -First 1
    $simulator = $null
    try {
        if ($realKey) {
            Write-Step "A provider key is set ($realKey): the demo calls the real provider (AI_PROVIDER=$(if ($env:AI_PROVIDER) { $env:AI_PROVIDER } else { 'openai' }))."
        }
        else {
            $simulator = Start-Simulator
            Write-Step "No provider key is set: the demo uses the provider simulator on 127.0.0.1:$($simulator.Port)."
            $env:AI_PROVIDER = 'openai'
            $env:OPENAI_API_KEY = 'sk-simulator-demo-key'
            $env:OPENAI_BASE_URL = "http://127.0.0.1:$($simulator.Port)/v1"
            $env:AIOPS_DEMO_SIMULATOR = "http://127.0.0.1:$($simulator.Port)"
        }
        if (Test-Path $script) {
            Invoke-Package
            & $script -RepoRoot $Root -Configuration $Configuration
        }
        else {
            Invoke-Native dotnet run --project (Join-Path $Root 'examples/demo/AiOps.Demo.csproj') -c $Configuration
        }
    }
    finally {
        if ($simulator) { $simulator.Process.Kill($true); $simulator.Process.Dispose() }
    }
}

function Invoke-Serve {
    $project = Join-Path $Root 'src/AiOps.Gateway.Host/AiOps.Gateway.Host.csproj'
    if (-not (Test-Path $project)) { throw 'serve: the gateway host is not part of this build yet.' }
    Write-Step "Serving the AiOps gateway on http://127.0.0.1:$Port (Ctrl+C stops it)"
    Invoke-Native dotnet run --project $project -c $Configuration -- --urls "http://127.0.0.1:$Port"
}

function Invoke-Bench {
    $project = Join-Path $Root 'tests/AiOps.Benchmarks/AiOps.Benchmarks.csproj'
    if (-not (Test-Path $project)) { throw 'bench: the benchmarks are not part of this build yet.' }
    $benchArgs = @('run', '--project', $project, '-c', 'Release', '--')
    if ($Filter) { $benchArgs += @('--filter', $Filter) } else { $benchArgs += @('--filter', '*') }
    Invoke-Native dotnet @benchArgs
}

function Invoke-Clean {
    Write-Step 'Cleaning'
    Remove-Item -Recurse -Force $Out -ErrorAction SilentlyContinue
    Get-ChildItem -Path $Root -Include 'bin', 'obj' -Directory -Recurse |
        Where-Object { $_.FullName -notmatch 'node_modules' } |
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

switch ($Task) {
    'restore' { Invoke-Restore }
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'package' { Invoke-Build; Invoke-Package }
    'publish' { Invoke-Publish }
    'bench' { Invoke-Bench }
    'demo' { Invoke-Demo }
    'serve' { Invoke-Serve }
    'lint' {
        $r = Invoke-Lint
        if ($r) {
            Write-Host "$($r.Passed) passed, $($r.Failed) failed"
            if ($r.Failed -gt 0) { exit 1 }
        }
    }
    'clean' { Invoke-Clean }
}
exit 0
