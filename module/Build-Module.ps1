#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds the AiOps PowerShell module and lays it out for Import-Module.

.DESCRIPTION
    Publishes the cmdlet assembly (AiOps.PowerShell) and the engine (AiOps.PowerShell.Engine, with AiOps.Core and every
    dependency), then lays the module out:

        <OutputPath>/
          AiOps.psd1                     manifest, ModuleVersion from the build
          AiOps.PowerShell.dll           cmdlets, result types, the module's AssemblyLoadContext (default context)
          AiOps.format.ps1xml, AiOps.types.ps1xml
          en-US/AiOps.PowerShell.dll-Help.xml, about_AiOps.help.txt, about_AiOps_Providers.help.txt
          Dependencies/                  engine, AiOps.Core and every dependency (loaded in the module's own context)

    The MAML help is generated from module/docs/*.md by New-MamlHelp.ps1 (PlatyPS is not needed). Test-ModuleManifest
    must pass, or the build fails.

.EXAMPLE
    ./module/Build-Module.ps1 -RepoRoot . -Configuration Release -OutputPath ./out/module/AiOps
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $RepoRoot,

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [string] $OutputPath = (Join-Path $RepoRoot 'out/module/AiOps')
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$RepoRoot = (Resolve-Path $RepoRoot).Path
$OutputPath = [IO.Path]::GetFullPath($OutputPath)
$moduleSource = Join-Path $RepoRoot 'module'
$staging = Join-Path $RepoRoot "out/obj/module/$Configuration"

function Invoke-Dotnet {
    # A simple function (not advanced): every argument, '-o' included, passes through to dotnet unbound.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Get-PwshCommand {
    # Under `dotnet pwsh` the process is dotnet itself: run pwsh.dll through it.
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { return @($exe, (Join-Path $PSHOME 'pwsh.dll')) }
    return @($exe)
}

Remove-Item -Recurse -Force $staging -ErrorAction SilentlyContinue
$engineOut = Join-Path $staging 'engine'
$cmdletOut = Join-Path $staging 'cmdlets'
Invoke-Dotnet publish (Join-Path $RepoRoot 'src/AiOps.PowerShell.Engine/AiOps.PowerShell.Engine.csproj') -c $Configuration -o $engineOut --nologo -v q '-clp:ErrorsOnly'
Invoke-Dotnet publish (Join-Path $RepoRoot 'src/AiOps.PowerShell/AiOps.PowerShell.csproj') -c $Configuration -o $cmdletOut --nologo -v q '-clp:ErrorsOnly'

if (Test-Path $OutputPath) { Remove-Item -Recurse -Force $OutputPath }
$dependencies = Join-Path $OutputPath 'Dependencies'
$culture = Join-Path $OutputPath 'en-US'
New-Item -ItemType Directory -Force -Path $OutputPath, $dependencies, $culture | Out-Null

# The cmdlet assembly alone sits next to the manifest; nothing else may be found by the default load context.
foreach ($file in 'AiOps.PowerShell.dll', 'AiOps.PowerShell.pdb') {
    Copy-Item (Join-Path $cmdletOut $file) $OutputPath
}

# The engine and everything it needs (native libraries under runtimes/ included). The cmdlet assembly never goes here.
Get-ChildItem $engineOut -Force | Where-Object { $_.Name -notlike 'AiOps.PowerShell.dll' -and $_.Name -notlike 'AiOps.PowerShell.pdb' -and $_.Name -notlike '*.deps.json' -and $_.Extension -ne '.xml' } |
    Copy-Item -Destination $dependencies -Recurse -Force

# PowerShell 7 runs on Windows, Linux and macOS desktops and servers: native libraries for mobile and browser targets
# (ONNX Runtime ships android, ios, ...) are left out.
Get-ChildItem (Join-Path $dependencies 'runtimes') -Directory -ErrorAction SilentlyContinue |
    Where-Object { $_.Name -notmatch '^(win|linux|osx|unix)(-|$)' } |
    Remove-Item -Recurse -Force
# Import libraries (.lib) are for linking native code, not for loading it.
Get-ChildItem (Join-Path $dependencies 'runtimes') -Recurse -Filter *.lib -ErrorAction SilentlyContinue | Remove-Item -Force

Copy-Item (Join-Path $moduleSource 'AiOps.format.ps1xml'), (Join-Path $moduleSource 'AiOps.types.ps1xml') $OutputPath
Copy-Item (Join-Path $moduleSource 'en-US/*.help.txt') $culture

# The manifest, with the version of the build.
$version = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $OutputPath 'AiOps.PowerShell.dll')).Version
$moduleVersion = '{0}.{1}.{2}' -f $version.Major, $version.Minor, $version.Build
$manifest = Get-Content -Raw (Join-Path $moduleSource 'AiOps.psd1')
$manifest = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion          = '$moduleVersion'"
Set-Content -Path (Join-Path $OutputPath 'AiOps.psd1') -Value $manifest -Encoding utf8NoBOM

# MAML help from the markdown, checked against the built cmdlets (in a child process: the module's assemblies stay out of this one).
$pwsh = @(Get-PwshCommand)
$helpFile = Join-Path $culture 'AiOps.PowerShell.dll-Help.xml'
$pwshArgs = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $moduleSource 'New-MamlHelp.ps1'),
    '-ModulePath', $OutputPath, '-DocsPath', (Join-Path $moduleSource 'docs'), '-OutputFile', $helpFile)
& $pwsh[0] @pwshArgs
if ($LASTEXITCODE -ne 0) { throw "Generating the MAML help failed (exit code $LASTEXITCODE)." }

$info = Test-ModuleManifest -Path (Join-Path $OutputPath 'AiOps.psd1')
Write-Host "Module AiOps $($info.Version) laid out at $OutputPath ($((Get-ChildItem $dependencies -Recurse -File).Count) dependency files)."
