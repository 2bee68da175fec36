#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Generates MAML cmdlet help (AiOps.PowerShell.dll-Help.xml) from the markdown in module/docs.

.DESCRIPTION
    PlatyPS is not available offline, so this small generator does its job for AiOps. Each module/docs/<Cmdlet>.md has the
    sections SYNOPSIS, DESCRIPTION, EXAMPLES (### titles with a ```powershell block and remarks), PARAMETERS (### -Name with a
    description; an optional "Default value: ..." line), INPUTS, OUTPUTS, NOTES and RELATED LINKS.

    Syntax, types, positions, pipeline input and aliases come from the built cmdlets themselves (the module is imported from
    -ModulePath), so they cannot drift from the code. The generator fails when a cmdlet has no markdown, when a parameter is not
    documented, or when the markdown documents a parameter the cmdlet does not have.

.EXAMPLE
    ./module/New-MamlHelp.ps1 -ModulePath ./out/module/AiOps -DocsPath ./module/docs -OutputFile ./out/module/AiOps/en-US/AiOps.PowerShell.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputFile
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Split-Sections([string] $Text, [string] $Prefix) {
    # Splits markdown into an ordered map of heading -> body for headings that start with $Prefix ('## ' or '### ').
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Text -split "`r?`n") {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Prefix) -and -not $line.StartsWith($Prefix + '#')) {
            $current = $line.Substring($Prefix.Length).Trim()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $current) { $sections[$current].Add($line) }
    }
    $result = [ordered]@{}
    foreach ($k in $sections.Keys) { $result[$k] = ($sections[$k] -join "`n").Trim() }
    $result
}

function Get-Paragraphs([string] $Text) {
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    @($Text -split "`n\s*`n" | ForEach-Object { ($_ -split "`n" | ForEach-Object { $_.Trim() }) -join ' ' } | Where-Object { $_ })
}

function Add-Paragraphs([System.Xml.XmlWriter] $W, [string] $Text) {
    $W.WriteStartElement('maml', 'description', $maml)
    foreach ($p in Get-Paragraphs $Text) { $W.WriteElementString('maml', 'para', $maml, $p) }
    $W.WriteEndElement()
}

function Get-TypeName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $t = [Nullable]::GetUnderlyingType($Type)
    if ($t) { $Type = $t }
    $Type.Name
}

function Get-PipelineText($Parameter) {
    $byValue = $Parameter.ValueFromPipeline
    $byName = $Parameter.ValueFromPipelineByPropertyName
    if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' }
    elseif ($byValue) { 'True (ByValue)' }
    elseif ($byName) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Write-Parameter([System.Xml.XmlWriter] $W, $Parameter, [string] $Description, [string] $Default, [bool] $InSyntax) {
    $isSwitch = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    $W.WriteStartElement('command', 'parameter', $command)
    $W.WriteAttributeString('required', "$($Parameter.IsMandatory)".ToLowerInvariant())
    $W.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
    $W.WriteAttributeString('globbing', 'false')
    $W.WriteAttributeString('pipelineInput', (Get-PipelineText $Parameter))
    $W.WriteAttributeString('position', $(if ($Parameter.Position -ge 0) { "$($Parameter.Position)" } else { 'named' }))
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $maml, $Parameter.Name)
    Add-Paragraphs $W $Description
    if (-not $isSwitch) {
        $W.WriteStartElement('command', 'parameterValue', $command)
        $W.WriteAttributeString('required', 'true')
        $W.WriteAttributeString('variableLength', "$($Parameter.ParameterType.IsArray)".ToLowerInvariant())
        $W.WriteString((Get-TypeName $Parameter.ParameterType))
        $W.WriteEndElement()
    }
    if (-not $InSyntax) {
        $W.WriteStartElement('dev', 'type', $dev)
        $W.WriteElementString('maml', 'name', $maml, (Get-TypeName $Parameter.ParameterType))
        $W.WriteElementString('maml', 'uri', $maml, '')
        $W.WriteEndElement()
        $W.WriteElementString('dev', 'defaultValue', $dev, $(if ($Default) { $Default } elseif ($isSwitch) { 'False' } else { 'None' }))
    }
    $W.WriteEndElement()
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$module = Import-Module $ModulePath -PassThru -Force
$cmdlets = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$problems = [System.Collections.Generic.List[string]]::new()

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Force -Path (Split-Path $OutputFile) | Out-Null
$stream = [System.IO.File]::Create($OutputFile)
$w = [System.Xml.XmlWriter]::Create($stream, $settings)
try {
    $w.WriteStartDocument()
    $w.WriteStartElement('helpItems', 'http://msh')
    $w.WriteAttributeString('schema', 'maml')
    foreach ($cmdlet in $cmdlets) {
        $file = Join-Path $DocsPath "$($cmdlet.Name).md"
        if (-not (Test-Path $file)) { $problems.Add("$($cmdlet.Name): no markdown at $file"); continue }
        $markdown = Get-Content -Raw $file
        # Shared sections: {{Name}} on its own line is replaced by docs/_Name.md (the connection parameters, for example).
        $markdown = [regex]::Replace($markdown, '(?m)^\{\{(\w+)\}\}\s*$', { param($m) Get-Content -Raw (Join-Path $DocsPath "_$($m.Groups[1].Value).md") })
        $doc = Split-Sections $markdown '## '
        foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS') {
            if (-not $doc.Contains($required) -or [string]::IsNullOrWhiteSpace($doc[$required])) { $problems.Add("$($cmdlet.Name): section $required is missing or empty") }
        }
        if ($problems.Count) { continue }

        $paramDocs = Split-Sections $doc['PARAMETERS'] '### '
        $descriptions = @{}
        $defaults = @{}
        foreach ($key in $paramDocs.Keys) {
            $name = $key.TrimStart('-')
            $lines = $paramDocs[$key] -split "`n"
            $defaultLine = $lines | Where-Object { $_ -match '^\s*Default value:\s*(.+)$' } | Select-Object -First 1
            if ($defaultLine) { $defaults[$name] = ($defaultLine -replace '^\s*Default value:\s*', '').Trim() }
            $descriptions[$name] = ($lines | Where-Object { $_ -notmatch '^\s*Default value:' }) -join "`n"
        }
        $parameters = @($cmdlet.Parameters.Values | Where-Object { $_.Name -notin $common })
        foreach ($p in $parameters) {
            if (-not $descriptions.ContainsKey($p.Name) -or [string]::IsNullOrWhiteSpace($descriptions[$p.Name])) { $problems.Add("$($cmdlet.Name): parameter -$($p.Name) is not documented") }
        }
        foreach ($name in $descriptions.Keys) {
            if ($name -notin $parameters.Name) { $problems.Add("$($cmdlet.Name): the markdown documents -$name, which the cmdlet does not have") }
        }

        $verb, $noun = $cmdlet.Name -split '-', 2
        $w.WriteStartElement('command', 'command', $command)
        $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
        $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
        $w.WriteStartElement('command', 'details', $command)
        $w.WriteElementString('command', 'name', $command, $cmdlet.Name)
        $w.WriteElementString('command', 'verb', $command, $verb)
        $w.WriteElementString('command', 'noun', $command, $noun)
        Add-Paragraphs $w $doc['SYNOPSIS']
        $w.WriteEndElement()
        Add-Paragraphs $w $doc['DESCRIPTION']

        $w.WriteStartElement('command', 'syntax', $command)
        foreach ($set in $cmdlet.ParameterSets) {
            $w.WriteStartElement('command', 'syntaxItem', $command)
            $w.WriteElementString('maml', 'name', $maml, $cmdlet.Name)
            $ordered = @($set.Parameters | Where-Object { $_.Name -notin $common } | Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { 1000 } } }, @{ Expression = { -not $_.IsMandatory } }, Name)
            foreach ($sp in $ordered) {
                $meta = $cmdlet.Parameters[$sp.Name]
                $view = [pscustomobject]@{
                    Name = $sp.Name; ParameterType = $sp.ParameterType; IsMandatory = $sp.IsMandatory; Position = $sp.Position
                    ValueFromPipeline = $sp.ValueFromPipeline; ValueFromPipelineByPropertyName = $sp.ValueFromPipelineByPropertyName; Aliases = $meta.Aliases
                }
                Write-Parameter $w $view '' '' $true
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'parameters', $command)
        foreach ($p in $parameters | Sort-Object Name) {
            $attr = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
            $view = [pscustomobject]@{
                Name = $p.Name; ParameterType = $p.ParameterType
                IsMandatory = [bool]($attr | Where-Object Mandatory)
                Position = ($attr | ForEach-Object Position | Sort-Object | Select-Object -Last 1)
                ValueFromPipeline = [bool]($attr | Where-Object ValueFromPipeline)
                ValueFromPipelineByPropertyName = [bool]($attr | Where-Object ValueFromPipelineByPropertyName)
                Aliases = $p.Aliases
            }
            if ($null -eq $view.Position) { $view.Position = -2147483648 }
            Write-Parameter $w $view ($descriptions[$p.Name] ?? '') ($defaults[$p.Name] ?? '') $false
        }
        $w.WriteEndElement()

        foreach ($kind in @(@{ Section = 'INPUTS'; List = 'inputTypes'; Item = 'inputType' }, @{ Section = 'OUTPUTS'; List = 'returnValues'; Item = 'returnValue' })) {
            $w.WriteStartElement('command', $kind.List, $command)
            $types = Split-Sections $doc[$kind.Section] '### '
            foreach ($typeName in $types.Keys) {
                $w.WriteStartElement('command', $kind.Item, $command)
                $w.WriteStartElement('dev', 'type', $dev)
                $w.WriteElementString('maml', 'name', $maml, $typeName)
                $w.WriteEndElement()
                Add-Paragraphs $w $types[$typeName]
                $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }

        if ($doc.Contains('NOTES') -and $doc['NOTES']) {
            $w.WriteStartElement('maml', 'alertSet', $maml)
            $w.WriteStartElement('maml', 'alert', $maml)
            foreach ($p in Get-Paragraphs $doc['NOTES']) { $w.WriteElementString('maml', 'para', $maml, $p) }
            $w.WriteEndElement()
            $w.WriteEndElement()
        }

        $w.WriteStartElement('command', 'examples', $command)
        $examples = Split-Sections $doc['EXAMPLES'] '### '
        if ($examples.Count -eq 0) { $problems.Add("$($cmdlet.Name): no examples") }
        foreach ($title in $examples.Keys) {
            $body = $examples[$title]
            if ($body -notmatch '(?s)```(?:powershell)?\s*\n(.*?)\n```(.*)$') { $problems.Add("$($cmdlet.Name): example '$title' has no powershell code block"); continue }
            $code = $Matches[1].TrimEnd()
            $remarks = $Matches[2]
            $w.WriteStartElement('command', 'example', $command)
            $w.WriteElementString('maml', 'title', $maml, "-------------------------- $title --------------------------")
            $w.WriteElementString('dev', 'code', $dev, $code)
            $w.WriteStartElement('dev', 'remarks', $dev)
            foreach ($p in Get-Paragraphs $remarks) { $w.WriteElementString('maml', 'para', $maml, $p) }
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'relatedLinks', $command)
        if ($doc.Contains('RELATED LINKS')) {
            foreach ($line in $doc['RELATED LINKS'] -split "`n" | Where-Object { $_ -match '^\s*[-*]\s+(.+)$' }) {
                $text = ($line -replace '^\s*[-*]\s+', '').Trim()
                $uri = ''
                if ($text -match '^\[(.+)\]\((.+)\)$') { $text = $Matches[1]; $uri = $Matches[2] }
                $w.WriteStartElement('maml', 'navigationLink', $maml)
                $w.WriteElementString('maml', 'linkText', $maml, $text)
                $w.WriteElementString('maml', 'uri', $maml, $uri)
                $w.WriteEndElement()
            }
        }
        $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndDocument()
}
finally {
    $w.Dispose()
    $stream.Dispose()
}

if ($problems.Count) {
    Remove-Item $OutputFile -ErrorAction SilentlyContinue
    $problems | ForEach-Object { Write-Host "help: $_" -ForegroundColor Red }
    throw "The cmdlet help has $($problems.Count) problem(s); fix module/docs."
}
Write-Host "Help for $($cmdlets.Count) cmdlets written to $OutputFile."
