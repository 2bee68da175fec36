#Requires -Version 7.0
<#
.SYNOPSIS
    Builds and lints every Bicep entry file in infra/ with the Bicep CLI from NuGet.

.DESCRIPTION
    1. Restores tests/AiOps.Infra.Tests, whose PackageDownload brings Azure.Bicep.CommandLine.linux-x64
       (the version is the project's BicepCliVersion property) from the NuGet feed; nothing else is downloaded.
    2. Copies the CLI to <RepoRoot>/tools/bicep and makes it executable.
    3. For each entry file (infra/*.bicep and infra/*.bicepparam; modules are checked through the files that use
       them) runs two checks: "build" (bicep build / bicep build-params into a temp folder) and "lint"
       (bicep lint, with the rules in infra/bicepconfig.json). A check fails on a non-zero exit code or on any
       warning or error diagnostic.

    Prints one PASS/FAIL line per file per check and returns an object with Passed and Failed counts (and the
    per-check Results). It does not exit with an error code for failed checks: the caller decides. It throws
    only when the checks cannot run at all (restore failed, not Linux x64).

    The keys that main.bicepparam reads from environment variables are cleared while the checks run, so no
    key from the caller's environment is ever written to the temporary build output.

.PARAMETER RepoRoot
    The repository root (the folder that contains infra/ and tests/).

.EXAMPLE
    $result = & ./infra/Invoke-BicepLint.ps1 -RepoRoot .
    if ($result.Failed -gt 0) { throw "Bicep lint failed" }
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $RepoRoot
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$RepoRoot = (Resolve-Path -LiteralPath $RepoRoot).Path
$infra = Join-Path $RepoRoot 'infra'
$project = Join-Path $RepoRoot 'tests/AiOps.Infra.Tests/AiOps.Infra.Tests.csproj'
$packageId = 'Azure.Bicep.CommandLine.linux-x64'

if (-not $IsLinux -or [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture -ne 'X64') {
    throw "$packageId runs on Linux x64 only; this machine is $([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)."
}

# --- 1. Restore the CLI package ---------------------------------------------------------------------------------

$restoreOutput = & dotnet restore $project --nologo 2>&1
if ($LASTEXITCODE -ne 0) {
    throw "dotnet restore $project failed (exit code $LASTEXITCODE):`n$($restoreOutput -join "`n")"
}

$properties = (& dotnet msbuild $project -nologo -getProperty:NuGetPackageRoot -getProperty:BicepCliVersion) -join "`n" |
    ConvertFrom-Json
$version = $properties.Properties.BicepCliVersion
$packageBinary = Join-Path $properties.Properties.NuGetPackageRoot "$($packageId.ToLowerInvariant())/$version/tools/bicep"
if (-not (Test-Path -LiteralPath $packageBinary -PathType Leaf)) {
    throw "Restore succeeded but $packageBinary is missing."
}

# --- 2. tools/bicep ---------------------------------------------------------------------------------------------

$tools = Join-Path $RepoRoot 'tools'
$bicep = Join-Path $tools 'bicep'
New-Item -ItemType Directory -Path $tools -Force | Out-Null
$source = Get-Item -LiteralPath $packageBinary
$current = Get-Item -LiteralPath $bicep -ErrorAction SilentlyContinue
if ($null -eq $current -or $current.Length -ne $source.Length -or $current.LastWriteTimeUtc -ne $source.LastWriteTimeUtc) {
    Copy-Item -LiteralPath $packageBinary -Destination $bicep -Force
}

# NuGet packages carry no Unix mode bits, so the copy may not be executable yet.
$execute = [System.IO.UnixFileMode]::UserExecute -bor [System.IO.UnixFileMode]::GroupExecute -bor [System.IO.UnixFileMode]::OtherExecute
[System.IO.File]::SetUnixFileMode($bicep, [System.IO.File]::GetUnixFileMode($bicep) -bor $execute)
$cliVersion = (& $bicep --version) -join ' '
Write-Host "Bicep CLI: $cliVersion ($bicep)"

# --- 3. Build and lint every entry file -------------------------------------------------------------------------

$entryFiles = @(Get-ChildItem -LiteralPath $infra -File | Where-Object { $_.Extension -in '.bicep', '.bicepparam' } | Sort-Object Name)
$keyVariables = 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'AZURE_OPENAI_API_KEY', 'AIOPS_GATEWAY_KEYS'
$savedKeys = @{}
foreach ($name in $keyVariables) {
    $savedKeys[$name] = [Environment]::GetEnvironmentVariable($name)
    [Environment]::SetEnvironmentVariable($name, $null)
}

$output = Join-Path ([System.IO.Path]::GetTempPath()) "aiops-bicep-lint-$([guid]::NewGuid().ToString('N'))"
New-Item -ItemType Directory -Path $output | Out-Null
$results = [System.Collections.Generic.List[object]]::new()
try {
    foreach ($file in $entryFiles) {
        $relative = [System.IO.Path]::GetRelativePath($RepoRoot, $file.FullName)
        $outFile = Join-Path $output "$($file.BaseName)$($file.Extension -eq '.bicepparam' ? '.parameters' : '').json"
        $checks = [ordered]@{
            build = $file.Extension -eq '.bicepparam' `
                ? @('build-params', $file.FullName, '--outfile', $outFile) `
                : @('build', $file.FullName, '--outfile', $outFile)
            lint  = @('lint', $file.FullName)
        }

        foreach ($check in $checks.GetEnumerator()) {
            $lines = @(& $bicep @($check.Value) 2>&1 | ForEach-Object { "$_" } | Where-Object { $_.Trim() })
            $exitCode = $LASTEXITCODE
            $diagnostics = @($lines | Where-Object { $_ -match '\) : (Error|Warning) ' })
            $passed = $exitCode -eq 0 -and $diagnostics.Count -eq 0
            $results.Add([pscustomobject]@{
                    File        = $relative
                    Check       = $check.Key
                    Passed      = $passed
                    ExitCode    = $exitCode
                    Diagnostics = $lines
                })

            Write-Host ("{0} bicep {1} {2}" -f ($passed ? 'PASS' : 'FAIL'), $check.Key, $relative)
            if (-not $passed) {
                if ($lines.Count -eq 0) { $lines = @("exit code $exitCode") }
                $lines | ForEach-Object { Write-Host "    $_" }
            }
        }
    }
}
finally {
    Remove-Item -LiteralPath $output -Recurse -Force -ErrorAction SilentlyContinue
    foreach ($name in $keyVariables) {
        [Environment]::SetEnvironmentVariable($name, $savedKeys[$name])
    }
}

$passedCount = @($results | Where-Object Passed).Count
$failedCount = $results.Count - $passedCount
Write-Host "Bicep: $passedCount passed, $failedCount failed ($($entryFiles.Count) entry files x 2 checks)"

[pscustomobject]@{
    Passed  = $passedCount
    Failed  = $failedCount
    Results = $results.ToArray()
}
