#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Writes the distributable packages to out/packages: NuGet packages (with symbols) for the libraries, the PowerShell module as a
    Gallery-format .nupkg (through Microsoft.PowerShell.PSResourceGet and a local file repository), and the Functions app zip.
.DESCRIPTION
    Called by `build.ps1 publish` after a build. Works offline.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $RepoRoot,
    [string] $Configuration = 'Release',
    [Parameter(Mandatory)][string] $OutputPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

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

Remove-Item -Recurse -Force $OutputPath -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force -Path $OutputPath | Out-Null
$commit = (& git -C $RepoRoot rev-parse HEAD 2>$null)
if (-not $commit) { $commit = 'unknown' }

# 1. NuGet packages for the libraries users reference.
$libraries = @('src/AiOps.Core/AiOps.Core.csproj', 'src/AiOps.Gateway/AiOps.Gateway.csproj', 'src/AiOps.Providers.Local/AiOps.Providers.Local.csproj') |
    ForEach-Object { Join-Path $RepoRoot $_ } | Where-Object { Test-Path $_ }
foreach ($project in $libraries) {
    Write-Host "==> dotnet pack $(Split-Path -Leaf $project)"
    Invoke-Native dotnet pack $project -c $Configuration -o $OutputPath --nologo -v q `
        '-p:IncludeSymbols=true' '-p:SymbolPackageFormat=snupkg' '-p:ContinuousIntegrationBuild=true' "-p:RepositoryCommit=$commit"
}

# 2. The PowerShell module, in the PowerShell Gallery's format.
$moduleScript = Join-Path $RepoRoot 'module/Build-Module.ps1'
if (Test-Path $moduleScript) {
    $moduleOut = Join-Path $RepoRoot 'out/module/AiOps'
    & $moduleScript -RepoRoot $RepoRoot -Configuration $Configuration -OutputPath $moduleOut
    $repoName = 'AiOpsLocalPublish'
    $feed = Join-Path $OutputPath 'psgallery'
    New-Item -ItemType Directory -Force -Path $feed | Out-Null
    Import-Module Microsoft.PowerShell.PSResourceGet
    if (Get-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $repoName }
    Register-PSResourceRepository -Name $repoName -Uri $feed -Trusted
    try {
        Write-Host '==> Publish-PSResource AiOps'
        Publish-PSResource -Path $moduleOut -Repository $repoName -SkipDependenciesCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName
    }
    Get-ChildItem $feed -Filter '*.nupkg' | Copy-Item -Destination $OutputPath
}
else {
    Write-Host 'The PowerShell module is not part of this build yet; skipped.'
}

# 3. The Functions app as a deployable zip (dotnet-isolated, Linux x64).
$functions = Join-Path $RepoRoot 'functions/AiOps.Functions/AiOps.Functions.csproj'
if (Test-Path $functions) {
    $publishDir = Join-Path $RepoRoot 'out/publish/functions'
    Remove-Item -Recurse -Force $publishDir -ErrorAction SilentlyContinue
    Write-Host '==> dotnet publish AiOps.Functions (linux-x64)'
    Invoke-Native dotnet publish $functions -c $Configuration -r linux-x64 --self-contained false -o $publishDir --nologo -v q
    $zip = Join-Path $OutputPath 'AiOps.Functions.zip'
    Compress-Archive -Path (Join-Path $publishDir '*') -DestinationPath $zip -Force
}
else {
    Write-Host 'The Functions app is not part of this build yet; skipped.'
}

Get-ChildItem $OutputPath -File | Sort-Object Name | Format-Table Name, Length -AutoSize | Out-String | Write-Host
