#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# The module as shipped: manifest, layout, the assembly boundary, isolation from other modules' assemblies, import and
# re-import, help, completion, formatting, and keys never leaking.

BeforeDiscovery {
    $script:cmdletNames = @('Invoke-AiChat', 'Get-AiEmbedding', 'Compare-AiEmbedding', 'Set-AiDefault', 'Get-AiDefault', 'Get-AiProvider', 'New-AiTool', 'Get-AiUsage', 'Measure-AiToken')
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    $script:saved = Save-AiEnvironment
    $script:sim = Start-AiOpsSimulator
    Set-SimulatorEnvironment $sim
    $script:modulePath = Get-AiOpsModulePath
    $script:manifestPath = Join-Path $modulePath 'AiOps.psd1'
    Import-AiOpsForTest
}

AfterAll {
    Stop-AiOpsSimulator $sim
    Restore-AiEnvironment $saved
}

Describe 'The module manifest' {
    BeforeAll { $script:data = Import-PowerShellDataFile $manifestPath }

    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $manifestPath
        $info.Name | Should -Be 'AiOps'
        $info.RootModule | Should -Be 'AiOps.PowerShell.dll'
    }

    It 'has the version of the build' {
        $props = [xml](Get-Content (Join-Path (Get-AiOpsRepoRoot) 'Directory.Build.props') -Raw)
        $prefix = @($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ })[0]
        $data.ModuleVersion | Should -Be $prefix
        $assembly = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $modulePath 'AiOps.PowerShell.dll')).Version
        $data.ModuleVersion | Should -Be ('{0}.{1}.{2}' -f $assembly.Major, $assembly.Minor, $assembly.Build)
    }

    It 'exports an explicit list of cmdlets and nothing else' {
        $data.CmdletsToExport | Sort-Object | Should -Be ($cmdletNames | Sort-Object)
        $data.CmdletsToExport | Where-Object { $_ -match '[\*\?]' } | Should -BeNullOrEmpty
        , $data.FunctionsToExport | Should -BeOfType [object[]]
        $data.FunctionsToExport.Count | Should -Be 0
        $data.AliasesToExport.Count | Should -Be 0
        $data.VariablesToExport.Count | Should -Be 0
        (Get-Command -Module AiOps).Name | Sort-Object | Should -Be ($cmdletNames | Sort-Object)
    }

    It 'targets PowerShell 7.4 Core, with formats, types, tags and links' {
        $data.CompatiblePSEditions | Should -Be @('Core')
        $data.PowerShellVersion | Should -Be '7.4'
        $data.FormatsToProcess | Should -Be @('AiOps.format.ps1xml')
        $data.TypesToProcess | Should -Be @('AiOps.types.ps1xml')
        $data.PrivateData.PSData.Tags | Should -Contain 'OpenAI'
        $data.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $data.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $data.PrivateData.PSData.LicenseUri | Should -Match '^https://'
    }
}

Describe 'The module layout and the assembly boundary' {
    It 'has only the cmdlet assembly next to the manifest, and the engine with every dependency in Dependencies' {
        (Get-ChildItem $modulePath -Filter *.dll).Name | Should -Be @('AiOps.PowerShell.dll')
        $deps = (Get-ChildItem (Join-Path $modulePath 'Dependencies') -Filter *.dll).Name
        foreach ($name in 'AiOps.PowerShell.Engine.dll', 'AiOps.Core.dll', 'Microsoft.Extensions.AI.Abstractions.dll', 'Azure.Core.dll', 'Azure.Identity.dll', 'System.Text.Json.dll', 'Polly.Core.dll') {
            $deps | Should -Contain $name
        }
        Get-ChildItem $modulePath -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
        # ONNX Runtime's native library for the local provider, for desktop and server platforms only.
        Test-Path (Join-Path $modulePath 'Dependencies/runtimes/linux-x64/native/libonnxruntime.so') | Should -BeTrue
        Test-Path (Join-Path $modulePath 'Dependencies/runtimes/win-x64/native/onnxruntime.dll') | Should -BeTrue
        (Get-ChildItem (Join-Path $modulePath 'Dependencies/runtimes') -Directory).Name | Where-Object { $_ -match 'android|ios|browser' } | Should -BeNullOrEmpty
        Get-ChildItem (Join-Path $modulePath 'Dependencies') -Filter 'AiOps.PowerShell.dll' | Should -BeNullOrEmpty
    }

    It 'builds the cmdlet assembly against the BCL, PowerShell and the engine only' {
        $stream = [IO.File]::OpenRead((Join-Path $modulePath 'AiOps.PowerShell.dll'))
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $md = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            $references = @($md.AssemblyReferences | ForEach-Object { $md.GetString($md.GetAssemblyReference($_).Name) })
        }
        finally { $stream.Dispose() }
        $references | Should -Contain 'AiOps.PowerShell.Engine'
        $references | Should -Contain 'System.Management.Automation'
        $others = $references | Where-Object { $_ -notin 'AiOps.PowerShell.Engine', 'System.Management.Automation', 'netstandard', 'mscorlib' -and $_ -notlike 'System.*' }
        $others | Should -BeNullOrEmpty
        $references | Should -Not -Contain 'AiOps.Core'
        $references | Should -Not -Contain 'Microsoft.Extensions.AI.Abstractions'
    }

    It 'does not load the engine on import, loads it into its own load context on use, and exposes only BCL types from it' {
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:AIOPS_TEST_MODULE
$loaded = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name
"ENGINE_ON_IMPORT=$($loaded -contains 'AiOps.PowerShell.Engine')"
$null = Measure-AiToken 'hello' -Model gpt-4o
$alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'AiOps'
$engine = $alc.Assemblies | Where-Object { $_.GetName().Name -eq 'AiOps.PowerShell.Engine' }
"ENGINE_ALC=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name)"
"CORE_ALC=$([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(($alc.Assemblies | Where-Object { $_.GetName().Name -eq 'AiOps.Core' })).Name)"
"DEFAULT_HAS_CORE=$(([System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies.GetName().Name) -contains 'AiOps.Core')"
$bad = [System.Collections.Generic.List[string]]::new()
function Test-Type([type] $t, [string] $where) {
    if ($t.IsGenericType) { foreach ($a in $t.GetGenericArguments()) { Test-Type $a $where } }
    if ($t.HasElementType) { Test-Type $t.GetElementType() $where; return }
    if ($t.IsGenericParameter) { return }
    $ctx = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($t.Assembly)
    if ($t.Assembly -eq $engine) { return }
    if ($ctx -ne [System.Runtime.Loader.AssemblyLoadContext]::Default -or $t.Assembly.GetName().Name -notmatch '^(System|mscorlib|netstandard)') { $bad.Add("$where uses $($t.FullName) from $($t.Assembly.GetName().Name) ($($ctx.Name))") }
}
foreach ($type in $engine.GetExportedTypes()) {
    foreach ($p in $type.GetProperties()) { Test-Type $p.PropertyType "$($type.Name).$($p.Name)" }
    foreach ($m in $type.GetMethods() | Where-Object { $_.DeclaringType -eq $type }) {
        Test-Type $m.ReturnType "$($type.Name).$($m.Name)"
        foreach ($a in $m.GetParameters()) { Test-Type $a.ParameterType "$($type.Name).$($m.Name)($($a.Name))" }
    }
    foreach ($c in $type.GetConstructors()) { foreach ($a in $c.GetParameters()) { Test-Type $a.ParameterType "$($type.Name).ctor" } }
}
"NON_BCL=$($bad -join '; ')"
'@
        $r = Invoke-ChildPwsh -Script $script -Environment @{ AIOPS_TEST_MODULE = $modulePath }
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output | Should -Contain 'ENGINE_ON_IMPORT=False'
        $r.Output | Should -Contain 'ENGINE_ALC=AiOps'
        $r.Output | Should -Contain 'CORE_ALC=AiOps'
        $r.Output | Should -Contain 'DEFAULT_HAS_CORE=False'
        $r.Output | Should -Contain 'NON_BCL='
    }
}

Describe 'Isolation from other modules'' assemblies' {
    It 'works after other versions of System.Text.Json, Azure.Core and Microsoft.Extensions.AI.Abstractions were loaded, and after Remove-Module + Import-Module' {
        $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $ours = @{}
        foreach ($name in 'Azure.Core', 'Microsoft.Extensions.AI.Abstractions', 'System.Text.Json') {
            $ours[$name] = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $modulePath "Dependencies/$name.dll")).Version
        }
        # Other versions, as another module would ship them (copied out of the NuGet cache).
        $conflicts = foreach ($name in 'Azure.Core', 'Microsoft.Extensions.AI.Abstractions', 'System.Text.Json') {
            $candidates = Get-ChildItem (Join-Path $nuget $name.ToLowerInvariant()) -Directory | ForEach-Object {
                $dll = Get-ChildItem (Join-Path $_.FullName 'lib') -Recurse -Filter "$name.dll" -ErrorAction SilentlyContinue |
                    Where-Object { $_.Directory.Name -in 'net8.0', 'net6.0' } | Select-Object -First 1
                if ($dll) { [pscustomobject]@{ Name = $name; Path = $dll.FullName; FileVersion = [Diagnostics.FileVersionInfo]::GetVersionInfo($dll.FullName).FileVersion; Version = [Reflection.AssemblyName]::GetAssemblyName($dll.FullName).Version } }
            }
            $theirs = $candidates | Where-Object { $_.FileVersion -ne [Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path $modulePath "Dependencies/$name.dll")).FileVersion } | Select-Object -First 1
            $theirs | Should -Not -BeNullOrEmpty -Because "the NuGet cache must hold another version of $name for this test"
            $copy = Join-Path $TestDrive "other-module/$name.dll"
            New-Item -ItemType Directory -Force -Path (Split-Path $copy) | Out-Null
            Copy-Item $theirs.Path $copy
            $theirs.Path = $copy
            $theirs
        }
        $script = @'
$ErrorActionPreference = 'Stop'
foreach ($path in $env:AIOPS_TEST_CONFLICTS -split ';') {
    try { $a = [Reflection.Assembly]::LoadFrom($path); "PRELOADED=$($a.GetName().Name) $($a.GetName().Version) from $($a.Location)" }
    catch { "PRELOAD_REFUSED=$path $($_.Exception.Message)" }
}
$meai = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.AI.Abstractions' }
"DEFAULT_MEAI=$($meai.GetName().Version)"
$azure = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -eq 'Azure.Core' }
"DEFAULT_AZURE=$($azure.GetName().Version)"

Import-Module $env:AIOPS_TEST_MODULE
"CHAT=$(Invoke-AiChat 'isolated?' -Model sim-echo)"
$streamed = Invoke-AiChat 'streamed' -Model sim-long-3 -Stream -InformationAction SilentlyContinue -InformationVariable chunks
"STREAM=$($streamed.Content)|$(@($chunks | Where-Object { $_.MessageData.NoNewLine }).Count)"
$e = 'one', 'two' | Get-AiEmbedding -Dimensions 4
"EMBED=$($e.Count)x$($e[0].Vector.Count)"
$alc = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'AiOps'
"AIOPS_MEAI=$(($alc.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.AI.Abstractions' }).GetName().Version)"
"AIOPS_AZURE=$(($alc.Assemblies | Where-Object { $_.GetName().Name -eq 'Azure.Core' }).GetName().Version)"

Set-AiDefault -Provider openai -Model sim-echo
Remove-Module AiOps
Import-Module $env:AIOPS_TEST_MODULE
"AFTER_REIMPORT_DEFAULTS=$((Get-AiDefault).SessionValues)"
"AFTER_REIMPORT_CHAT=$(Invoke-AiChat 'again' -Model sim-echo)"
$again = Invoke-AiChat 'streamed again' -Model sim-long-2 -Stream -InformationAction SilentlyContinue
"AFTER_REIMPORT_STREAM=$($again.Content)"
"AFTER_REIMPORT_EMBED=$(@('three' | Get-AiEmbedding -Dimensions 4).Count)"
'@
        $r = Invoke-ChildPwsh -Script $script -Environment @{ AIOPS_TEST_MODULE = $modulePath; AIOPS_TEST_CONFLICTS = ($conflicts.Path -join ';') }
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $meaiTheirs = ($conflicts | Where-Object Name -EQ 'Microsoft.Extensions.AI.Abstractions').Version
        $azureTheirs = ($conflicts | Where-Object Name -EQ 'Azure.Core').Version
        $r.Output | Should -Contain "DEFAULT_MEAI=$meaiTheirs"
        $r.Output | Should -Contain "DEFAULT_AZURE=$azureTheirs"
        $r.Output | Should -Contain 'CHAT=isolated?'
        $r.Output | Should -Contain 'STREAM=word1 word2 word3|3'
        $r.Output | Should -Contain 'EMBED=2x4'
        $r.Output | Should -Contain "AIOPS_MEAI=$($ours['Microsoft.Extensions.AI.Abstractions'])"
        $r.Output | Should -Contain "AIOPS_AZURE=$($ours['Azure.Core'])"
        "$meaiTheirs" | Should -Not -Be "$($ours['Microsoft.Extensions.AI.Abstractions'])"
        "$azureTheirs" | Should -Not -Be "$($ours['Azure.Core'])"
        $r.Output | Should -Contain 'AFTER_REIMPORT_DEFAULTS='
        $r.Output | Should -Contain 'AFTER_REIMPORT_CHAT=again'
        $r.Output | Should -Contain 'AFTER_REIMPORT_STREAM=word1 word2'
        $r.Output | Should -Contain 'AFTER_REIMPORT_EMBED=1'
    }

    It 'imports in a fresh pwsh and runs a command' {
        $r = Invoke-ChildPwsh -Script "Import-Module '$modulePath'; (Get-Module AiOps).Version.ToString(); (Invoke-AiChat 'fresh' -Model sim-echo).Content"
        $r.ExitCode | Should -Be 0 -Because ($r.Output -join "`n")
        $r.Output[-1] | Should -Be 'fresh'
    }
}

Describe 'Help' {
    It '<Name> has a synopsis, a description, every parameter documented and at least three examples' -TestCases @($cmdletNames | ForEach-Object { @{ Name = $_ } }) {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\w+-\w+ \['
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($p in $parameters) {
            $ph = Get-Help $Name -Parameter $p
            ($ph.description.Text -join ' ') | Should -Not -BeNullOrEmpty -Because "-$p of $Name must be documented"
        }
    }

    It 'shows the examples with -Examples' {
        $text = Get-Help Invoke-AiChat -Examples | Out-String
        $text | Should -Match 'Example 1: Ask a question'
        $text | Should -Match "Invoke-AiChat 'Which Linux command"
    }

    It 'has the about topics' {
        (Get-Help about_AiOps | Out-String) | Should -Match 'WHERE SETTINGS COME FROM'
        (Get-Help about_AiOps_Providers | Out-String) | Should -Match 'AZURE OPENAI'
    }
}

Describe 'Tab completion' {
    It 'completes -Provider from the registered providers (a completer, never a ValidateSet)' {
        $r = TabExpansion2 -inputScript 'Invoke-AiChat -Provider azu' -cursorColumn 27
        $r.CompletionMatches.CompletionText | Should -Contain 'azure-openai'
        $all = (TabExpansion2 -inputScript 'Get-AiEmbedding -Provider ' -cursorColumn 26).CompletionMatches.CompletionText
        $all | Should -Contain 'openai'
        $all | Should -Contain 'ollama'
        foreach ($cmd in 'Invoke-AiChat', 'Get-AiEmbedding', 'Set-AiDefault') {
            (Get-Command $cmd).Parameters['Provider'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Should -BeNullOrEmpty
            (Get-Command $cmd).Parameters['Model'].Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Should -BeNullOrEmpty
        }
    }

    It 'completes -Model for the provider given, chat or embedding models as the command needs' {
        $chat = (TabExpansion2 -inputScript 'Invoke-AiChat -Provider openai -Model gpt-4' -cursorColumn 43).CompletionMatches.CompletionText
        $chat | Should -Contain 'gpt-4o-mini'
        $chat | Should -Contain 'gpt-4.1'
        $ollama = (TabExpansion2 -inputScript 'Invoke-AiChat -Provider ollama -Model ' -cursorColumn 38).CompletionMatches.CompletionText
        $ollama | Should -Contain 'llama3.2'
        $ollama | Should -Not -Contain 'gpt-4o-mini'
        $embed = (TabExpansion2 -inputScript 'Get-AiEmbedding -Model text' -cursorColumn 27).CompletionMatches.CompletionText
        $embed | Should -Contain 'text-embedding-3-small'
    }

    It 'offers the session default model first' {
        Set-AiDefault -Provider openai -Model my-custom-model
        try {
            $r = (TabExpansion2 -inputScript 'Invoke-AiChat -Model ' -cursorColumn 21).CompletionMatches.CompletionText
            $r[0] | Should -Be 'my-custom-model'
        }
        finally { Set-AiDefault -Clear }
    }

    It 'accepts a model name no completer knows' {
        Reset-SimRequests $sim
        $null = Invoke-AiChat 'x' -Model sim-brand-new-model-2031
        (Get-SimRequests $sim)[0].Json.model | Should -Be 'sim-brand-new-model-2031'
    }
}

Describe 'Formatting' {
    It 'prints a chat result as its text' {
        $r = Invoke-AiChat 'Hello' -Model sim-echo
        ($r | Out-String).Trim() | Should -Be 'Hello'
        $r.Text | Should -Be 'Hello'
    }

    It 'prints only a summary line for a result that was already streamed' {
        $r = Invoke-AiChat 'one two' -Model sim-echo -Stream -InformationAction SilentlyContinue
        ($r | Out-String).Trim() | Should -Match '^\[openai/sim-echo · \d+ in / \d+ out tokens · [\d.]+ s\]$'
    }

    It 'has table views for embeddings, providers, usage and token counts' {
        ('x' | Get-AiEmbedding -Dimensions 2 | Out-String) | Should -Match 'Index\s+Dimensions\s+Provider\s+Model\s+Text'
        (Get-AiProvider | Out-String) | Should -Match 'Name\s+Default\s+Configured\s+ApiKey'
        (Get-AiUsage | Out-String) | Should -Match 'Provider\s+Model\s+Requests'
        (Measure-AiToken 'x' | Out-String) | Should -Match 'Tokens\s+Characters\s+Encoding'
    }
}

Describe 'Keys never leak' {
    It 'keeps the key out of all six streams and the transcript, while sending it to the provider' {
        $key = 'sk-leakcheck-' + [guid]::NewGuid().ToString('N')
        $plain = 'plainsecret' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $streams = Join-Path $TestDrive 'streams.txt'
        $script = @'
$ErrorActionPreference = 'Continue'
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
Start-Transcript -Path $env:AIOPS_TEST_TRANSCRIPT | Out-Null
& {
    Import-Module $env:AIOPS_TEST_MODULE
    Set-AiDefault -Provider openai -ApiKey $env:AIOPS_TEST_KEY -Verbose -Debug
    Get-AiDefault | Format-List * | Out-String
    Get-AiProvider | Format-List * | Out-String
    Invoke-AiChat 'hello' -Model sim-echo -Verbose -Debug | Format-List * | Out-String
    Invoke-AiChat 'stream' -Model sim-long-3 -Stream -Verbose -Debug | Out-String
    'a' | Get-AiEmbedding -Dimensions 2 -Verbose -Debug | Format-List * | Out-String
    Invoke-AiChat 'bad' -Model sim-error-401 -Verbose -Debug
    Invoke-AiChat 'bad' -Model sim-error-500 -MaxRetries 1 -Verbose -Debug
    Invoke-AiChat 'plain' -Model sim-error-401 -ApiKey $env:AIOPS_TEST_PLAIN -Verbose -Debug
    Invoke-AiChat 'plain' -Model sim-echo -ApiKey (ConvertTo-SecureString $env:AIOPS_TEST_PLAIN -AsPlainText -Force) -Verbose -Debug | Out-String
    $Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }
    Write-Progress -Activity done -Completed
} *>&1 | Out-File -FilePath $env:AIOPS_TEST_STREAMS -Width 400
Stop-Transcript | Out-Null
'@
        $r = Invoke-ChildPwsh -Script $script -Environment @{
            AIOPS_TEST_MODULE = $modulePath; AIOPS_TEST_KEY = $key; AIOPS_TEST_PLAIN = $plain; AIOPS_TEST_TRANSCRIPT = $transcript; AIOPS_TEST_STREAMS = $streams
        }
        $all = (Get-Content $streams -Raw) + (Get-Content $transcript -Raw) + ($r.Output -join "`n")
        $all | Should -Match 'key present \(Set-AiDefault\)'
        $all | Should -Match 'InvokeAiChatAuthentication'
        $all | Should -Not -Match ([regex]::Escape($key))
        $all | Should -Not -Match ([regex]::Escape($key.Substring(3)))
        $all | Should -Not -Match ([regex]::Escape($plain))
        # The keys were really used.
        $auth = (Get-SimRequests $sim).headers.Authorization
        $auth | Should -Contain "Bearer $key"
        $auth | Should -Contain "Bearer $plain"
    }
}
