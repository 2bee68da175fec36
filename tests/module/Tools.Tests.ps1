#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# Tools: New-AiTool schemas, and Invoke-AiChat -Tool with -ToolInvocation None, Confirm (scripted host) and Auto.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    Import-TestDoubles
    $script:saved = Save-AiEnvironment
    $script:sim = Start-AiOpsSimulator
    Set-SimulatorEnvironment $sim
    Import-AiOpsForTest

    function global:Get-AiOpsTestThing {
        <#
        .SYNOPSIS
            Gets a test thing by name.
        .PARAMETER Name
            The thing's name.
        .PARAMETER Count
            How many to get.
        #>
        [CmdletBinding()]
        param(
            [Parameter(Mandatory)] [string] $Name,
            [int] $Count = 1,
            [ValidateSet('small', 'large')] [string] $Size = 'small',
            [switch] $Force,
            [string[]] $Tags
        )
        $global:AiOpsToolLog.Add("Get-AiOpsTestThing -Name $Name -Count $Count")
        "thing $Name x$Count"
    }

    function global:Remove-AiOpsTestThing {
        param([string] $Name)
        $global:AiOpsToolLog.Add("Remove-AiOpsTestThing $Name")
    }
}

AfterAll {
    Remove-Item function:global:Get-AiOpsTestThing, function:global:Remove-AiOpsTestThing -ErrorAction SilentlyContinue
    Stop-AiOpsSimulator $sim
    Restore-AiEnvironment $saved
}

Describe 'New-AiTool' {
    It 'builds the JSON schema from a function''s parameters and comment-based help' {
        $tool = New-AiTool Get-AiOpsTestThing

        $tool | Should -BeOfType ([AiOps.PowerShell.AiTool])
        $tool.Name | Should -Be 'Get-AiOpsTestThing'
        $tool.Description | Should -Be 'Gets a test thing by name.'
        $tool.Parameters | Should -Be @('Name', 'Count', 'Size', 'Force', 'Tags')
        $schema = $tool.ParametersSchema | ConvertFrom-Json
        $schema.type | Should -Be 'object'
        $schema.required | Should -Be @('Name')
        $schema.additionalProperties | Should -BeFalse
        $schema.properties.Name.type | Should -Be 'string'
        $schema.properties.Name.description | Should -Be 'The thing''s name.'
        $schema.properties.Count.type | Should -Be 'integer'
        $schema.properties.Size.enum | Should -Be @('small', 'large')
        $schema.properties.Force.type | Should -Be 'boolean'
        $schema.properties.Tags.type | Should -Be 'array'
        $schema.properties.Tags.items.type | Should -Be 'string'
        $schema.properties.PSObject.Properties.Name | Should -Not -Contain 'Verbose'
    }

    It 'exposes only the parameters named with -Parameter' {
        $tool = New-AiTool Get-AiOpsTestThing -Parameter Name
        $tool.Parameters | Should -Be @('Name')
        ($tool.ParametersSchema | ConvertFrom-Json).properties.PSObject.Properties.Name | Should -Be @('Name')
    }

    It 'builds a tool from a cmdlet, with its help synopsis' {
        $tool = Get-Command Get-Date | New-AiTool -Parameter Format -Description 'Gets the current date.'
        $tool.Name | Should -Be 'Get-Date'
        $tool.Description | Should -Be 'Gets the current date.'
        ($tool.ParametersSchema | ConvertFrom-Json).properties.Format.type | Should -Be 'string'
    }

    It 'builds a tool from a scriptblock with -Name' {
        $tool = New-AiTool -Name Get-Answer -Description 'Answers.' -ScriptBlock { param([Parameter(Mandatory)][int] $Question) $Question * 2 }
        $tool.Name | Should -Be 'Get-Answer'
        $tool.ScriptBlock | Should -Not -BeNullOrEmpty
        $schema = $tool.ParametersSchema | ConvertFrom-Json
        $schema.properties.Question.type | Should -Be 'integer'
        $schema.required | Should -Be @('Question')
    }

    It 'refuses unknown commands, unknown parameters, native programs and bad names' {
        { New-AiTool No-SuchCommand -ErrorAction Stop } | Should -Throw -ErrorId 'NewAiToolInvalidCommand,AiOps.PowerShell.NewAiToolCommand'
        { New-AiTool Get-AiOpsTestThing -Parameter Nope -ErrorAction Stop } | Should -Throw '*has no parameter ''Nope''*'
        { New-AiTool (Get-Command ls -CommandType Application | Select-Object -First 1) -ErrorAction Stop } | Should -Throw '*native program*'
        { New-AiTool -Name 'bad name' -ScriptBlock { } -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AiOps.PowerShell.NewAiToolCommand'
    }
}

Describe 'Invoke-AiChat -Tool' {
    BeforeEach {
        Reset-SimRequests $sim
        $global:AiOpsToolLog = [System.Collections.Generic.List[string]]::new()
    }

    It 'declares the tools in the request' {
        $null = Invoke-AiChat 'x' -Model sim-text -Tool (New-AiTool Get-AiOpsTestThing -Parameter Name, Count) -ToolInvocation None
        $tools = (Get-SimRequests $sim)[0].Json.tools
        $tools.Count | Should -Be 1
        $tools[0].type | Should -Be 'function'
        $tools[0].function.name | Should -Be 'Get-AiOpsTestThing'
        $tools[0].function.description | Should -Be 'Gets a test thing by name.'
        $tools[0].function.parameters.required | Should -Be @('Name')
    }

    It 'runs the declared tool with -ToolInvocation Auto and sends its result back' {
        $r = Invoke-AiChat 'Get the thing' -Model sim-tools -Tool (New-AiTool Get-AiOpsTestThing -Parameter Name, Count) -ToolInvocation Auto

        $global:AiOpsToolLog | Should -Be @('Get-AiOpsTestThing -Name sample -Count 1')
        $r.Content | Should -Be 'Tool said: thing sample x1'
        $r.ToolCalls.Count | Should -Be 1
        $r.ToolCalls[0].Name | Should -Be 'Get-AiOpsTestThing'
        $r.ToolCalls[0].Status | Should -Be 'Completed'
        $r.ToolCalls[0].Result | Should -Be 'thing sample x1'
        $requests = Get-SimRequests $sim
        $requests.Count | Should -Be 2
        $toolMessage = $requests[1].Json.messages | Where-Object role -EQ 'tool'
        $toolMessage.content | Should -Be 'thing sample x1'
        $toolMessage.tool_call_id | Should -Be 'call_sim1'
        $r.History.Role | Should -Be @('user', 'assistant', 'tool', 'assistant')
    }

    It 'accepts command names and Get-Command output for -Tool' {
        $r = Invoke-AiChat 'Get the thing' -Model sim-tools -Tool 'Get-AiOpsTestThing' -ToolInvocation Auto
        $global:AiOpsToolLog.Count | Should -Be 1
        $r.ToolCalls[0].Status | Should -Be 'Completed'
    }

    It 'runs a scriptblock tool' {
        $tool = New-AiTool -Name Get-Double -Description 'Doubles.' -ScriptBlock { param([int] $Value) $Value * 2 }
        $r = Invoke-AiChat 'Double 1' -Model sim-tools -Tool $tool -ToolInvocation Auto
        $r.Content | Should -Be 'Tool said: 2'
    }

    It 'runs nothing with -ToolInvocation None and returns the pending calls' {
        $r = Invoke-AiChat 'Get the thing' -Model sim-tools -Tool (New-AiTool Get-AiOpsTestThing) -ToolInvocation None

        $global:AiOpsToolLog | Should -BeNullOrEmpty
        $r.FinishReason | Should -Be 'tool_calls'
        $r.ToolCalls[0].Status | Should -Be 'Pending'
        $r.ToolCalls[0].Arguments | ConvertFrom-Json | Select-Object -ExpandProperty Name | Should -Be 'sample'
        (Get-SimRequests $sim).Count | Should -Be 1
    }

    It 'reports a tool that throws to the model as a failed call' {
        $tool = New-AiTool -Name Get-Broken -ScriptBlock { param([string] $Name) throw 'the disk is on fire' }
        $r = Invoke-AiChat 'x' -Model sim-tools -Tool $tool -ToolInvocation Auto -WarningAction SilentlyContinue
        $r.ToolCalls[0].Status | Should -Be 'Failed'
        $r.ToolCalls[0].Result | Should -BeLike 'Error: *the disk is on fire*'
        $r.Content | Should -BeLike 'Tool said: Error: *the disk is on fire*'
    }

    Context 'only declared tools run' {
        BeforeAll { $script:canned = [AiOpsTests.CannedServer]::new() }
        AfterAll { $canned.Dispose() }

        It 'refuses a tool the model names but nobody declared, and never resolves it as a command' {
            $canned.EnqueueChat([AiOpsTests.CannedServer]::ToolCallCompletion('Remove-AiOpsTestThing', '{"Name":"prod"}'))
            $canned.EnqueueChat([AiOpsTests.CannedServer]::TextCompletion('done'))

            $r = Invoke-AiChat 'x' -BaseUri $canned.BaseUrl -Tool (New-AiTool Get-AiOpsTestThing) -ToolInvocation Auto -WarningVariable w -WarningAction SilentlyContinue

            $global:AiOpsToolLog | Should -BeNullOrEmpty
            $r.ToolCalls[0].Name | Should -Be 'Remove-AiOpsTestThing'
            $r.ToolCalls[0].Status | Should -Be 'Rejected'
            $r.ToolCalls[0].Result | Should -BeLike "Error: no tool named 'Remove-AiOpsTestThing' was declared*"
            "$w" | Should -Match 'was not declared'
            $r.Content | Should -Be 'done'
        }

        It 'refuses arguments for parameters the tool did not declare' {
            $canned.EnqueueChat([AiOpsTests.CannedServer]::ToolCallCompletion('Get-AiOpsTestThing', '{"Name":"a","Count":1000}'))
            $canned.EnqueueChat([AiOpsTests.CannedServer]::TextCompletion('done'))

            $r = Invoke-AiChat 'x' -BaseUri $canned.BaseUrl -Tool (New-AiTool Get-AiOpsTestThing -Parameter Name) -ToolInvocation Auto -WarningAction SilentlyContinue

            $global:AiOpsToolLog | Should -BeNullOrEmpty
            $r.ToolCalls[0].Status | Should -Be 'Failed'
            $r.ToolCalls[0].Result | Should -BeLike "Error: 'Count' is not a parameter of tool 'Get-AiOpsTestThing'*"
        }

        It 'stops after -MaxToolIterations rounds with a warning' {
            1..3 | ForEach-Object { $canned.EnqueueChat([AiOpsTests.CannedServer]::ToolCallCompletion('Get-AiOpsTestThing', '{"Name":"loop"}')) }

            $r = Invoke-AiChat 'x' -BaseUri $canned.BaseUrl -Tool (New-AiTool Get-AiOpsTestThing) -ToolInvocation Auto -MaxToolIterations 2 -WarningVariable w -WarningAction SilentlyContinue

            $global:AiOpsToolLog.Count | Should -Be 2
            $r.ToolCalls.Status | Should -Be @('Completed', 'Completed', 'Pending')
            "$w" | Should -Match 'Stopped after 2 rounds of tool calls'
        }
    }

    Context '-ToolInvocation Confirm' {
        BeforeEach {
            $script:testHost = [AiOpsTests.ScriptedHost]::new()
            $script:ps = New-HostedRunspace $testHost
            $null = $ps.AddScript('param($tool, $mode) if ($mode) { Invoke-AiChat ''Get the thing'' -Model sim-tools -Tool $tool -ToolInvocation $mode } else { Invoke-AiChat ''Get the thing'' -Model sim-tools -Tool $tool }')
        }
        AfterEach {
            $ps.Runspace.Dispose()
            $ps.Dispose()
        }

        It 'asks before running (the default) and runs the tool when the answer is Yes' {
            $testHost.Script.Answers.Enqueue('Yes')
            $r = $ps.AddArgument((New-AiTool Get-AiOpsTestThing -Parameter Name)).Invoke()

            $ps.Streams.Error | Should -BeNullOrEmpty
            $testHost.Script.Prompts.Count | Should -Be 1
            $testHost.Script.Prompts[0] | Should -Be 'Invoke-AiChat: the model wants to run a tool | Run tool ''Get-AiOpsTestThing'' with -Name "sample"?'
            $global:AiOpsToolLog.Count | Should -Be 1
            $r[0].ToolCalls[0].Status | Should -Be 'Completed'
        }

        It 'does not run the tool when the answer is No, and tells the model it was declined' {
            $testHost.Script.Answers.Enqueue('No')
            $r = $ps.AddArgument((New-AiTool Get-AiOpsTestThing -Parameter Name)).AddArgument('Confirm').Invoke()

            $testHost.Script.Prompts.Count | Should -Be 1
            $global:AiOpsToolLog | Should -BeNullOrEmpty
            $r[0].ToolCalls[0].Status | Should -Be 'Declined'
            $r[0].Content | Should -Be 'Tool said: The user declined to run this tool.'
        }

        It 'stops with a clear error when the session cannot prompt' {
            $plain = [powershell]::Create()
            try {
                $null = $plain.AddScript("param(`$tool) Import-Module '$(Get-AiOpsModulePath)'; Invoke-AiChat 'x' -Model sim-tools -Tool `$tool -ToolInvocation Confirm")
                $null = $plain.AddArgument((New-AiTool Get-AiOpsTestThing -Parameter Name))
                $output = $plain.Invoke()
                $output | Should -BeNullOrEmpty
                $plain.Streams.Error.Count | Should -Be 1
                $plain.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'InvokeAiChatConfirmUnavailable,AiOps.PowerShell.InvokeAiChatCommand'
                $plain.Streams.Error[0].ErrorDetails.RecommendedAction | Should -Match '-ToolInvocation Auto'
                $global:AiOpsToolLog | Should -BeNullOrEmpty
            }
            finally { $plain.Dispose() }
        }
    }
}
