#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# Invoke-AiChat against the provider simulator: the exact request sent and the exact result returned.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    $script:saved = Save-AiEnvironment
    $script:sim = Start-AiOpsSimulator
    Set-SimulatorEnvironment $sim
    Import-AiOpsForTest
}

AfterAll {
    Stop-AiOpsSimulator $sim
    Restore-AiEnvironment $saved
}

Describe 'Invoke-AiChat' {
    BeforeEach {
        Reset-SimRequests $sim
        Set-AiDefault -Clear
    }

    Context 'a single prompt' {
        It 'sends the prompt as the user message to the default provider and returns an AiChatResult' {
            $r = Invoke-AiChat 'What is 2+2?' -Model sim-text

            $r | Should -BeOfType ([AiOps.PowerShell.AiChatResult])
            $r.Content | Should -Be 'Hello from the AiOps simulator.'
            "$r" | Should -Be 'Hello from the AiOps simulator.'
            $r.Provider | Should -Be 'openai'
            $r.Model | Should -Be 'sim-text'
            $r.FinishReason | Should -Be 'stop'
            $r.Usage.InputTokens | Should -BeGreaterThan 0
            $r.Usage.OutputTokens | Should -Be 5
            $r.RequestId | Should -Not -BeNullOrEmpty
            $requests = Get-SimRequests $sim
            $requests.Count | Should -Be 1
            $requests[0].path | Should -Be '/v1/chat/completions'
            $requests[0].Json.model | Should -Be 'sim-text'
            $requests[0].Json.messages.Count | Should -Be 1
            $requests[0].Json.messages[0].role | Should -Be 'user'
            $requests[0].Json.messages[0].content | Should -Be 'What is 2+2?'
            $requests[0].headers.Authorization | Should -Be 'Bearer sk-test-simulator-0123456789abcdef'
        }

        It 'sends -SystemPrompt, -Temperature, -MaxTokens, -TopP, -Stop, -Seed and -AdditionalProperties' {
            $null = Invoke-AiChat 'Hi' -Model sim-text -SystemPrompt 'Be brief.' -Temperature 0.25 -MaxTokens 42 -TopP 0.5 -Stop 'END', 'STOP' -Seed 7 `
                -AdditionalProperties @{ user = 'ops'; extra_body = @{ custom_field = 'x' } }

            $body = (Get-SimRequests $sim)[0].Json
            $body.messages[0].role | Should -Be 'system'
            $body.messages[0].content | Should -Be 'Be brief.'
            $body.messages[1].content | Should -Be 'Hi'
            $body.temperature | Should -Be 0.25
            $body.max_completion_tokens | Should -Be 42
            $body.top_p | Should -Be 0.5
            $body.stop | Should -Be @('END', 'STOP')
            $body.seed | Should -Be 7
            $body.user | Should -Be 'ops'
            $body.custom_field | Should -Be 'x'
        }

        It 'refuses an empty or whitespace prompt before sending anything' {
            { Invoke-AiChat '   ' -Model sim-text -ErrorAction Stop } | Should -Throw -ErrorId 'InvokeAiChatEmptyPrompt,AiOps.PowerShell.InvokeAiChatCommand'
            { Invoke-AiChat '' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,AiOps.PowerShell.InvokeAiChatCommand'
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }

        It 'includes the raw provider response with -Raw' {
            $r = Invoke-AiChat 'Hi' -Model sim-text -Raw
            $r.Raw | Should -Not -BeNullOrEmpty
            ($r.Raw | ConvertTo-Json -Depth 10) | Should -Match 'Hello from the AiOps simulator'
        }

        It 'warns when the answer was cut at the token limit' {
            $r = Invoke-AiChat 'Hi' -Model sim-length -WarningVariable w -WarningAction SilentlyContinue
            $r.FinishReason | Should -Be 'length'
            $w.Count | Should -Be 1
            "$($w[0])" | Should -Match "token limit \(finish reason 'length'\)"
        }

        It 'warns when the content filter stopped the answer' {
            $r = Invoke-AiChat 'Hi' -Model sim-filtered -WarningVariable w -WarningAction SilentlyContinue
            $r.FinishReason | Should -Be 'content_filter'
            $w.Count | Should -Be 1
            "$($w[0])" | Should -Match "content filter stopped the answer \(finish reason 'content_filter'\)"
        }
    }

    Context 'pipeline input' {
        It 'aggregates piped strings into one request as context' {
            $r = 'error: disk full', 'warn: high load', 'info: ok' | Invoke-AiChat 'Summarise.' -Model sim-echo

            $requests = Get-SimRequests $sim
            $requests.Count | Should -Be 1
            $requests[0].Json.messages[0].content | Should -Be "Summarise.`n`nContext:`nerror: disk full`nwarn: high load`ninfo: ok"
            $r.Content | Should -Be "Summarise.`n`nContext:`nerror: disk full`nwarn: high load`ninfo: ok"
        }

        It 'sends one request per object with -PerItem and writes each answer' {
            $results = 'a', 'b', 'c' | Invoke-AiChat 'Echo:' -Model sim-echo -PerItem

            $results.Count | Should -Be 3
            $results.Content | Should -Be @("Echo:`n`nContext:`na", "Echo:`n`nContext:`nb", "Echo:`n`nContext:`nc")
            (Get-SimRequests $sim).Count | Should -Be 3
        }

        It 'formats objects as compact JSON with -ContextFormat Json' {
            $null = [pscustomobject]@{ Name = 'web1'; Cpu = 93 }, [pscustomobject]@{ Name = 'web2'; Cpu = 12 } |
                Invoke-AiChat 'Which is busy?' -Model sim-echo -ContextFormat Json

            (Get-SimRequests $sim)[0].Json.messages[0].content | Should -Be "Which is busy?`n`nContext:`n[{`"Name`":`"web1`",`"Cpu`":93},{`"Name`":`"web2`",`"Cpu`":12}]"
        }

        It 'formats objects as a table with -ContextFormat Table' {
            $null = [pscustomobject]@{ Name = 'web1'; Cpu = 93 }, [pscustomobject]@{ Name = 'web2'; Cpu = 12 } |
                Invoke-AiChat 'Which is busy?' -Model sim-echo -ContextFormat Table

            $content = (Get-SimRequests $sim)[0].Json.messages[0].content
            $content | Should -BeLike "Which is busy?`n`nContext:`n*"
            $lines = ($content -split "`n") | Select-Object -Skip 3 | Where-Object { $_.Trim() }
            $lines[0] | Should -Match '^Name\s+Cpu$'
            $lines[2] | Should -Match '^web1\s+93$'
            $lines[3] | Should -Match '^web2\s+12$'
        }

        It 'sends the prompt alone when nothing is piped in' {
            $null = @() | Invoke-AiChat 'Just this.' -Model sim-echo
            (Get-SimRequests $sim)[0].Json.messages[0].content | Should -Be 'Just this.'
        }
    }

    Context 'conversation history' {
        It 'continues the conversation when a result is piped back in' {
            $first = Invoke-AiChat 'My name is Ada.' -Model sim-echo -SystemPrompt 'Remember names.'
            $second = $first | Invoke-AiChat 'What is my name?' -Model sim-echo

            $body = (Get-SimRequests $sim)[1].Json
            $body.messages.role | Should -Be @('system', 'user', 'assistant', 'user')
            $body.messages.content | Should -Be @('Remember names.', 'My name is Ada.', 'My name is Ada.', 'What is my name?')
            $second.History.Role | Should -Be @('system', 'user', 'assistant', 'user', 'assistant')
            $second.History[-1].Content | Should -Be 'What is my name?'
        }

        It 'takes -History from messages, hashtables and deserialized results' {
            $history = @(
                [AiOps.PowerShell.AiChatMessage]::new('user', 'one'),
                @{ Role = 'assistant'; Content = 'two' }
            )
            $null = Invoke-AiChat 'three' -History $history -Model sim-echo
            (Get-SimRequests $sim)[0].Json.messages.content | Should -Be @('one', 'two', 'three')

            Reset-SimRequests $sim
            $file = Join-Path $TestDrive 'result.xml'
            Invoke-AiChat 'saved' -Model sim-echo | Export-Clixml $file
            Reset-SimRequests $sim
            $null = Import-Clixml $file | Invoke-AiChat 'restored?' -Model sim-echo
            (Get-SimRequests $sim)[0].Json.messages.content | Should -Be @('saved', 'saved', 'restored?')
        }

        It 'combines an explicit -History with piped context' {
            $history = @(@{ Role = 'user'; Content = 'earlier' }, @{ Role = 'assistant'; Content = 'noted' })
            $null = 'line 1', 'line 2' | Invoke-AiChat 'and now?' -History $history -Model sim-echo
            (Get-SimRequests $sim)[0].Json.messages.content | Should -Be @('earlier', 'noted', "and now?`n`nContext:`nline 1`nline 2")
        }

        It 'refuses history items without a role before sending anything' {
            { Invoke-AiChat 'x' -History @('not a message') -Model sim-echo -ErrorAction Stop } | Should -Throw -ErrorId 'InvokeAiChatInvalidArgument,AiOps.PowerShell.InvokeAiChatCommand'
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }
    }

    Context 'streaming' {
        It 'writes each chunk to the host without a new line and still outputs the result' {
            $r = Invoke-AiChat 'Count' -Model sim-long-6 -Stream -InformationVariable info -InformationAction SilentlyContinue

            $chunks = @($info | Where-Object { $_.Tags -contains 'AiOps.Stream' })
            $text = @($chunks | Where-Object { $_.MessageData.NoNewLine } | ForEach-Object { $_.MessageData.Message })
            $text | Should -Be @('word1 ', 'word2 ', 'word3 ', 'word4 ', 'word5 ', 'word6')
            $chunks[-1].MessageData.NoNewLine | Should -BeFalse
            $chunks[0].Tags | Should -Contain 'PSHOST'
            $r.Content | Should -Be 'word1 word2 word3 word4 word5 word6'
            $r.Streamed | Should -BeTrue
            $r.Usage.OutputTokens | Should -Be 6
            (Get-SimRequests $sim)[0].Json.stream | Should -BeTrue
        }

        It 'fails with StreamInterrupted and no result when the stream is cut' {
            $r = Invoke-AiChat 'Count' -Model sim-cut-2 -Stream -ErrorVariable err -ErrorAction SilentlyContinue -InformationAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -Be 'InvokeAiChatStreamInterrupted,AiOps.PowerShell.InvokeAiChatCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $err[0].Exception.Kind.ToString() | Should -Be 'StreamInterrupted'
        }
    }

    Context 'cancellation' {
        It 'stops an in-flight request when the pipeline is stopped (Ctrl+C)' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$(Get-AiOpsModulePath)'; Invoke-AiChat 'slow' -Model sim-slow-30000")
                $handle = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(20)
                while (-not (Get-SimRequests $sim) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                (Get-SimRequests $sim).Count | Should -Be 1

                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()

                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                # The simulator would answer after 30 s; stopping well before proves the HTTP call was cancelled.
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
                $handle.IsCompleted | Should -BeTrue
            }
            finally { $ps.Dispose() }
        }

        It 'stops a stream in the middle' {
            Set-AiDefault -Header @{ 'x-sim-chunk-delay-ms' = '1000' }
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$(Get-AiOpsModulePath)'; Invoke-AiChat 'slow' -Model sim-long-60 -Stream")
                $handle = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(20)
                while ($ps.Streams.Information.Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $ps.Streams.Information.Count | Should -BeGreaterThan 0

                $ps.Stop()

                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $ps.Streams.Information.Count | Should -BeLessThan 60
            }
            finally { $ps.Dispose(); Set-AiDefault -Clear }
        }
    }

    Context 'structured output' {
        BeforeAll {
            class Triage {
                [string] $Severity
                [int] $Score
                [string[]] $Tags
            }
        }

        It 'returns typed objects for a PowerShell class and sends its JSON schema' {
            $t = Invoke-AiChat 'Classify' -Model sim-json -ResponseSchema ([Triage])

            $t.GetType().Name | Should -Be 'Triage'
            $t.Severity | Should -Be 'sample'
            $t.Score | Should -Be 1
            $t.Tags | Should -Be @('sample')
            $format = (Get-SimRequests $sim)[0].Json.response_format
            $format.type | Should -Be 'json_schema'
            $format.json_schema.name | Should -Be 'Triage'
            $format.json_schema.schema.properties.severity.type | Should -Contain 'string'
            $format.json_schema.schema.properties.score.type | Should -Contain 'integer'
        }

        It 'returns typed objects for a .NET type given by name' {
            if (-not ('AiOpsTests.HostFacts' -as [type])) {
                Add-Type -TypeDefinition 'namespace AiOpsTests { public class HostFacts { public string Name { get; set; } public int Cores { get; set; } public bool Healthy { get; set; } } }'
            }
            $v = Invoke-AiChat 'Describe the host' -Model sim-json -ResponseSchema 'AiOpsTests.HostFacts'
            $v.GetType().FullName | Should -Be 'AiOpsTests.HostFacts'
            $v.Name | Should -Be 'sample'
            $v.Cores | Should -Be 1
            $v.Healthy | Should -BeTrue
        }

        It 'returns PSCustomObjects for the hashtable shorthand and sends a strict schema' {
            $o = Invoke-AiChat 'Classify' -Model sim-json -ResponseSchema @{ Severity = 'low', 'high'; Count = 'integer'; Tags = 'string[]' }

            $o | Should -BeOfType ([pscustomobject])
            $o.Severity | Should -Be 'low'
            $o.Count | Should -Be 1
            $o.Tags | Should -Be @('sample')
            $schema = (Get-SimRequests $sim)[0].Json.response_format.json_schema.schema
            $schema.type | Should -Be 'object'
            $schema.additionalProperties | Should -BeFalse
            @($schema.required | Sort-Object) | Should -Be @('Count', 'Severity', 'Tags')
            $schema.properties.Severity.enum | Should -Be @('low', 'high')
            $schema.properties.Tags.type | Should -Be 'array'
        }

        It 'takes JSON schema text' {
            $o = Invoke-AiChat 'x' -Model sim-json -ResponseSchema '{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}'
            $o.ok | Should -BeTrue
        }

        It 'fails with InvalidResponse when the reply is not valid JSON' {
            $null = Invoke-AiChat 'x' -Model sim-badjson -ResponseSchema ([Triage]) -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be 'InvokeAiChatInvalidResponse,AiOps.PowerShell.InvokeAiChatCommand'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }

        It 'refuses a type that cannot be described, before sending anything' {
            { Invoke-AiChat 'x' -Model sim-json -ResponseSchema ([string]) -ErrorAction Stop } | Should -Throw -ErrorId 'InvokeAiChatInvalidConfiguration,AiOps.PowerShell.InvokeAiChatCommand'
            { Invoke-AiChat 'x' -Model sim-json -ResponseSchema ([scriptblock]) -ErrorAction Stop } | Should -Throw '*cannot be described*'
            { Invoke-AiChat 'x' -Model sim-json -ResponseSchema @{ Severity = 'colour' } -ErrorAction Stop } | Should -Throw '*-ResponseSchema.Severity*'
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }
    }

    Context 'errors' {
        It 'fails with MissingApiKey, names the variable, and sends nothing when no key is configured' {
            $key = $env:OPENAI_API_KEY
            $env:OPENAI_API_KEY = $null
            try {
                $e = { Invoke-AiChat 'x' -Model sim-text -ErrorAction Stop } | Should -Throw -PassThru
                $e.FullyQualifiedErrorId | Should -Be 'InvokeAiChatMissingApiKey,AiOps.PowerShell.InvokeAiChatCommand'
                $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
                $e.Exception.Message | Should -Match 'OPENAI_API_KEY'
                $e.ErrorDetails.RecommendedAction | Should -Match 'OPENAI_API_KEY'
                Get-SimRequests $sim | Should -BeNullOrEmpty
            }
            finally { $env:OPENAI_API_KEY = $key }
        }

        It 'says which variable an env:NAME key refers to when it is not set, and sends nothing' {
            $e = { Invoke-AiChat 'x' -Model sim-text -ApiKey 'env:AIOPS_TEST_NOT_SET' -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'InvokeAiChatMissingApiKey,AiOps.PowerShell.InvokeAiChatCommand'
            $e.Exception.Message | Should -Match 'environment variable AIOPS_TEST_NOT_SET, which is not set'
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }

        It 'refuses a malformed Key Vault reference before sending anything' {
            { Invoke-AiChat 'x' -Model sim-text -ApiKey 'kv://' -ErrorAction Stop } | Should -Throw -ErrorId 'InvokeAiChatInvalidConfiguration,AiOps.PowerShell.InvokeAiChatCommand'
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }

        It 'fails with Authentication on 401 and stops the command' {
            $e = { 'a', 'b' | Invoke-AiChat 'x' -Model sim-error-401 -PerItem -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'InvokeAiChatAuthentication,AiOps.PowerShell.InvokeAiChatCommand'
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $e.TargetObject | Should -Be 'a'
            $e.Exception.StatusCode | Should -Be 401
            (Get-SimRequests $sim).Count | Should -Be 1
        }

        It 'reports a failed item as a non-terminating error with the item as target and carries on' {
            $results = 'a', 'b' | Invoke-AiChat 'x' -Model sim-error-400 -PerItem -ErrorVariable err -ErrorAction SilentlyContinue
            $results | Should -BeNullOrEmpty
            $err.Count | Should -Be 2
            $err[0].TargetObject | Should -Be 'a'
            $err[1].TargetObject | Should -Be 'b'
            $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            (Get-SimRequests $sim).Count | Should -Be 2
        }

        It 'retries a 429 with a warning per retry and then succeeds' {
            $r = Invoke-AiChat 'x' -Model sim-flaky-2-429 -MaxRetries 3 -WarningVariable w -WarningAction SilentlyContinue
            $r.Content | Should -Be 'Hello from the AiOps simulator.'
            (Get-SimRequests $sim).Count | Should -Be 3
            $w.Count | Should -Be 2
        }

        It 'retries a 429 until -MaxRetries and then surfaces RateLimited' {
            $null = Invoke-AiChat 'x' -Model sim-ratelimit-1 -MaxRetries 1 -ErrorVariable err -ErrorAction SilentlyContinue -WarningVariable w -WarningAction SilentlyContinue
            (Get-SimRequests $sim).Count | Should -Be 2
            $w.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'InvokeAiChatRateLimited,AiOps.PowerShell.InvokeAiChatCommand'
            $err[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $err[0].Exception.RetryAfter | Should -Be ([timespan]::FromSeconds(1))
        }

        It 'does not retry an exhausted quota and stops the command' {
            $e = { Invoke-AiChat 'x' -Model sim-quota -MaxRetries 3 -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'InvokeAiChatQuotaExceeded,AiOps.PowerShell.InvokeAiChatCommand'
            $e.CategoryInfo.Category | Should -Be 'QuotaExceeded'
            $e.ErrorDetails.RecommendedAction | Should -Match 'retrying does not help'
            (Get-SimRequests $sim).Count | Should -Be 1
        }

        It 'refuses an unknown provider before sending anything' {
            $e = { Invoke-AiChat 'x' -Provider nosuch -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'InvokeAiChatInvalidConfiguration,AiOps.PowerShell.InvokeAiChatCommand'
            $e.Exception.Message | Should -Match "-Provider is 'nosuch'"
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }

        It 'refuses -Deployment for a provider other than Azure OpenAI' {
            { Invoke-AiChat 'x' -Deployment d1 -ErrorAction Stop } | Should -Throw '*-Deployment applies to Azure OpenAI only*'
            Get-SimRequests $sim | Should -BeNullOrEmpty
        }

        It 'refuses -NoProxy with -Proxy' {
            { Invoke-AiChat 'x' -NoProxy -Proxy http://proxy:8080 -ErrorAction Stop } | Should -Throw -ErrorId 'InvokeAiChatProxyConflict,AiOps.PowerShell.InvokeAiChatCommand'
        }
    }

    Context 'providers and endpoints' {
        It 'reaches Azure OpenAI deployments with -Deployment, -ApiVersion and an api-key header' {
            $null = Invoke-AiChat 'x' -Provider AzureOpenAI -BaseUri $sim.Url -Deployment sim-echo -ApiVersion 2024-10-21 -ApiKey 'azure-test-key-0123456789'

            $request = (Get-SimRequests $sim)[0]
            $request.path | Should -Be '/openai/deployments/sim-echo/chat/completions'
            $request.query | Should -Match 'api-version=2024-10-21'
            $request.headers.'api-key' | Should -Be 'azure-test-key-0123456789'
        }

        It 'takes a SecureString key' {
            $null = Invoke-AiChat 'x' -Model sim-text -ApiKey (ConvertTo-SecureString 'sk-secure-0123456789abcdef' -AsPlainText -Force)
            (Get-SimRequests $sim)[0].headers.Authorization | Should -Be 'Bearer sk-secure-0123456789abcdef'
        }

        It 'resolves an env:NAME key reference at use' {
            $env:AIOPS_TEST_KEY = 'sk-from-reference-0123456789'
            try {
                $null = Invoke-AiChat 'x' -Model sim-text -ApiKey 'env:AIOPS_TEST_KEY'
                (Get-SimRequests $sim)[0].headers.Authorization | Should -Be 'Bearer sk-from-reference-0123456789'
            }
            finally { $env:AIOPS_TEST_KEY = $null }
        }

        It 'goes through -Proxy (the simulator stands in for the proxy) and bypasses proxies with -NoProxy' {
            $r = Invoke-AiChat 'x' -Model sim-text -BaseUri 'http://provider.invalid/v1' -Proxy $sim.Url -ErrorAction SilentlyContinue -ErrorVariable err
            # An HTTP proxy receives the absolute URL as the request target.
            $requests = Get-SimRequests $sim
            $requests.Count | Should -Be 1
            $requests[0].headers.Host | Should -Be 'provider.invalid'

            # A session proxy that accepts nothing: -NoProxy must bypass it.
            Set-AiDefault -Proxy 'http://127.0.0.1:9'
            $r = Invoke-AiChat 'x' -Model sim-text -NoProxy
            $r.Content | Should -Be 'Hello from the AiOps simulator.'
            $null = Invoke-AiChat 'x' -Model sim-text -MaxRetries 0 -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].Exception.Kind.ToString() | Should -Be 'ServerError'
        }
    }
}
