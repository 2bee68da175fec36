#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# The scripts in examples/powershell, run against the provider simulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    $script:saved = Save-AiEnvironment
    $script:sim = Start-AiOpsSimulator
    Import-AiOpsForTest
    $script:examples = Join-Path (Get-AiOpsRepoRoot) 'examples/powershell'
}

AfterAll {
    Stop-AiOpsSimulator $sim
    Restore-AiEnvironment $saved
}

Describe 'examples/powershell' {
    BeforeEach {
        Restore-AiEnvironment @{}
        Set-SimulatorEnvironment $sim
        Set-AiDefault -Clear
        Reset-SimRequests $sim
    }

    It 'Get-LogSummary.ps1 sends only the warnings and errors of the log' {
        $r = & "$examples/Get-LogSummary.ps1" -Path "$examples/data/app.log" -Model sim-echo

        $r | Should -BeOfType ([AiOps.PowerShell.AiChatResult])
        $body = (Get-SimRequests $sim)[0].Json
        $body.messages[0].role | Should -Be 'system'
        $context = ($body.messages[1].content -split "Context:`n")[1] -split "`n"
        $context.Count | Should -Be 8
        $context | Where-Object { $_ -match ' INFO ' } | Should -BeNullOrEmpty
        $context[-1] | Should -Match 'no space left on device'
    }

    It 'Invoke-IncidentTriage.ps1 returns one typed record per incident' {
        $r = @(& "$examples/Invoke-IncidentTriage.ps1" -Path "$examples/data/incidents.json" -Model sim-json)

        $r.Count | Should -Be 3
        $r[0].GetType().Name | Should -Be 'IncidentTriage'
        "$($r[0].Severity)" | Should -Be 'Sev1'
        $r[0].CustomerImpact | Should -BeTrue
        $requests = Get-SimRequests $sim
        $requests.Count | Should -Be 3
        $requests[0].Json.messages[1].content | Should -Match '"Id":"INC-1041"'
        $requests[2].Json.messages[1].content | Should -Match '"Id":"INC-1043"'
        $requests[0].Json.response_format.json_schema.name | Should -Be 'IncidentTriage'
        $requests[0].Json.response_format.json_schema.schema.properties.severity.enum | Should -Be @('Sev1', 'Sev2', 'Sev3', 'Sev4')
        $requests[0].Json.temperature | Should -Be 0
    }

    It 'Search-Runbook.ps1 ranks the runbooks, answers from the best ones, and reuses its embeddings' {
        $cache = Join-Path $TestDrive 'runbooks.xml'
        # The simulator's vectors are deterministic, not semantic: a question equal to a runbook ranks that runbook first.
        $question = Get-Content -Raw "$examples/data/runbooks/disk-full.md"
        $out = @(& "$examples/Search-Runbook.ps1" -Path "$examples/data/runbooks" -Question $question -Answer -Model sim-echo -CachePath $cache)

        $rows = @($out | Where-Object { $_.PSObject.Properties['Runbook'] })
        $rows.Count | Should -Be 2
        $rows[0].Runbook | Should -Be 'disk-full.md'
        $rows[0].Similarity | Should -Be 1
        $answer = $out | Where-Object { $_ -is [AiOps.PowerShell.AiChatResult] }
        $answer.Content | Should -Match '## disk-full.md'
        $embeddingRequests = @(Get-SimRequests $sim | Where-Object path -EQ '/v1/embeddings')
        $embeddingRequests.Count | Should -Be 2
        @($embeddingRequests[0].Json.input).Count | Should -Be 3

        Reset-SimRequests $sim
        $again = @(& "$examples/Search-Runbook.ps1" -Path "$examples/data/runbooks" -Question $question -CachePath $cache)
        $again[0].Runbook | Should -Be 'disk-full.md'
        @(Get-SimRequests $sim | Where-Object path -EQ '/v1/embeddings').Count | Should -Be 1
    }

    It 'Invoke-ProviderAgnostic.ps1 switches provider by environment only' {
        $env:AI_PROVIDER = 'openai'
        $env:AI_DEFAULT_MODEL = 'sim-text'
        $openai = & "$examples/Invoke-ProviderAgnostic.ps1"
        $openai.Provider | Should -Be 'openai'
        $openai.Answer | Should -Be 'Hello from the AiOps simulator.'

        $env:AI_PROVIDER = 'google'
        $env:GEMINI_API_KEY = 'gemini-example-key-0123456789'
        $env:GEMINI_BASE_URL = $sim.Url
        $google = & "$examples/Invoke-ProviderAgnostic.ps1"
        $google.Provider | Should -Be 'google'
        $google.Model | Should -Be 'sim-text'

        $env:AI_PROVIDER = 'azure-openai'
        $env:AI_DEFAULT_MODEL = $null
        $env:AZURE_OPENAI_ENDPOINT = $sim.Url
        $env:AZURE_OPENAI_API_KEY = 'azure-example-key-0123456789'
        $env:AZURE_OPENAI_DEPLOYMENT = 'sim-text'
        $azure = & "$examples/Invoke-ProviderAgnostic.ps1"
        $azure.Provider | Should -Be 'azure-openai'

        (Get-SimRequests $sim).path | Should -Be @('/v1/chat/completions', '/v1beta/models/sim-text:generateContent', '/openai/v1/chat/completions')
    }

    Context 'Invoke-ChatWithFallback.ps1' {
        BeforeEach {
            $env:GEMINI_API_KEY = 'gemini-example-key-0123456789'
            $env:GEMINI_BASE_URL = $sim.Url
            $env:AI_MAX_RETRIES = '0'
        }

        It 'moves past providers that are not configured or failing, with a warning each, and says who answered' {
            $r = & "$examples/Invoke-ChatWithFallback.ps1" -Prompt 'hi' -Provider azure-openai, openai, google -Model @{ openai = 'sim-error-503'; google = 'sim-echo' } -WarningVariable w -WarningAction SilentlyContinue

            $r.Provider | Should -Be 'google'
            $r.Content | Should -Be 'hi'
            $w.Count | Should -Be 2
            "$($w[0])" | Should -Match '^azure-openai failed \(MissingApiKey\)'
            "$($w[1])" | Should -Match '^openai failed \(ServerError\)'
        }

        It 'stops at a failure another provider would repeat (a rejected request)' {
            { & "$examples/Invoke-ChatWithFallback.ps1" -Prompt 'hi' -Provider openai, google -Model @{ openai = 'sim-error-400' } } | Should -Throw -ErrorId 'InvokeAiChatInvalidRequest,AiOps.PowerShell.InvokeAiChatCommand'
            (Get-SimRequests $sim).path | Should -Be @('/v1/chat/completions')
        }
    }
}
