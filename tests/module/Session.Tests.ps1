#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# Where settings come from (explicit > Set-AiDefault > AI_* > vendor variables), Get-AiDefault, Get-AiProvider, Get-AiUsage,
# Measure-AiToken, verbose output and timeouts.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    $script:saved = Save-AiEnvironment
    $script:sim = Start-AiOpsSimulator
    Import-AiOpsForTest
    function script:Get-LastAuthorization { @(Get-SimRequests $sim)[-1].headers.Authorization }
}

AfterAll {
    Stop-AiOpsSimulator $sim
    Restore-AiEnvironment $saved
}

Describe 'Settings precedence' {
    BeforeEach {
        Restore-AiEnvironment @{}
        Set-SimulatorEnvironment $sim -Key 'sk-vendor-0123456789abcdef'
        Set-AiDefault -Clear
        Reset-SimRequests $sim
    }

    It 'uses the vendor variable, then AI_* over it, then the session default, then the explicit parameter' {
        $null = Invoke-AiChat 'x' -Model sim-text
        Get-LastAuthorization | Should -Be 'Bearer sk-vendor-0123456789abcdef'

        $env:AI_PROVIDER = 'openai'
        $env:AI_API_KEY = 'sk-aivar-0123456789abcdef'
        $null = Invoke-AiChat 'x' -Model sim-text
        Get-LastAuthorization | Should -Be 'Bearer sk-aivar-0123456789abcdef'

        Set-AiDefault -Provider openai -ApiKey 'sk-session-0123456789abcdef'
        $null = Invoke-AiChat 'x' -Model sim-text
        Get-LastAuthorization | Should -Be 'Bearer sk-session-0123456789abcdef'

        $null = Invoke-AiChat 'x' -Model sim-text -ApiKey 'sk-explicit-0123456789abcdef'
        Get-LastAuthorization | Should -Be 'Bearer sk-explicit-0123456789abcdef'
    }

    It 'takes the model from AI_DEFAULT_MODEL, then Set-AiDefault, then -Model' {
        $env:AI_PROVIDER = 'openai'
        $env:AI_DEFAULT_MODEL = 'sim-echo'
        $null = Invoke-AiChat 'x'
        @(Get-SimRequests $sim)[-1].Json.model | Should -Be 'sim-echo'
        Set-AiDefault -Model sim-text
        $null = Invoke-AiChat 'x'
        @(Get-SimRequests $sim)[-1].Json.model | Should -Be 'sim-text'
        $null = Invoke-AiChat 'x' -Model sim-long-2
        @(Get-SimRequests $sim)[-1].Json.model | Should -Be 'sim-long-2'
    }

    It 'picks up a changed environment variable at the next command' {
        $null = Invoke-AiChat 'x' -Model sim-text
        $env:OPENAI_API_KEY = 'sk-rotated-0123456789abcdef'
        $null = Invoke-AiChat 'x' -Model sim-text
        Get-LastAuthorization | Should -Be 'Bearer sk-rotated-0123456789abcdef'
    }

    It 'switches provider by environment only' {
        $env:AI_PROVIDER = 'azure-openai'
        $env:AZURE_OPENAI_ENDPOINT = $sim.Url
        $env:AZURE_OPENAI_API_KEY = 'azure-env-key-0123456789'
        $env:AZURE_OPENAI_DEPLOYMENT = 'sim-echo'
        $r = Invoke-AiChat 'which provider?'
        $r.Provider | Should -Be 'azure-openai'
        $request = @(Get-SimRequests $sim)[-1]
        $request.path | Should -Be '/openai/v1/chat/completions'
        $request.Json.model | Should -Be 'sim-echo'
        $request.headers.'api-key' | Should -Be 'azure-env-key-0123456789'
    }

    It 'keeps the Azure endpoint, deployment and API version as session defaults' {
        Set-AiDefault -Provider AzureOpenAI -BaseUri $sim.Url -Deployment sim-echo -EmbeddingDeployment sim-emb -ApiVersion 2024-10-21 -ApiKey 'azure-session-key-0123456789'
        $r = Invoke-AiChat 'hi'
        $r.Content | Should -Be 'hi'
        $null = 'text' | Get-AiEmbedding -Dimensions 2
        $requests = @(Get-SimRequests $sim)
        $requests[0].path | Should -Be '/openai/deployments/sim-echo/chat/completions'
        $requests[0].query | Should -Match 'api-version=2024-10-21'
        $requests[0].headers.'api-key' | Should -Be 'azure-session-key-0123456789'
        $requests[1].path | Should -Be '/openai/deployments/sim-emb/embeddings'

        $d = Get-AiDefault
        $d[0].Provider | Should -Be 'azure-openai'
        $d[0].IsDefaultProvider | Should -BeTrue
        $d[0].Model | Should -Be 'sim-echo'
        $d[0].ModelSource | Should -Be 'Set-AiDefault'
        $d[0].ApiKey | Should -Be 'present (Set-AiDefault)'
        $d[0].ApiVersion | Should -Be '2024-10-21'
        $d[0].SessionValues | Should -Be 'Provider, Model, EmbeddingModel, ApiKey, BaseUri, ApiVersion'
    }

    It 'forgets session defaults with -Clear, and changes nothing with -WhatIf' {
        Set-AiDefault -Provider openai -Model sim-echo -WhatIf
        (Get-AiDefault).SessionValues | Should -BeNullOrEmpty
        Set-AiDefault -Provider openai -Model sim-echo -TimeoutSec 30
        (Get-AiDefault).SessionValues | Should -Be 'Provider, Model, TimeoutSec'
        (Get-AiDefault).TimeoutSec | Should -Be 30
        Set-AiDefault -Clear
        (Get-AiDefault).SessionValues | Should -BeNullOrEmpty
        (Get-AiDefault).TimeoutSec | Should -Be 100
    }

    It 'writes the resulting defaults with -PassThru' {
        $d = Set-AiDefault -Provider openai -Model sim-echo -PassThru
        $d | Should -BeOfType ([AiOps.PowerShell.AiDefaultSetting])
        $d.Model | Should -Be 'sim-echo'
    }

    It 'refuses an unknown provider, a relative URL and an empty key' {
        { Set-AiDefault -Provider nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'SetAiDefaultInvalidConfiguration,AiOps.PowerShell.SetAiDefaultCommand'
        { Set-AiDefault -BaseUri 'not/a/url' -ErrorAction Stop } | Should -Throw '*-BaseUri*not an absolute http or https URL*'
        { Set-AiDefault -ApiKey '  ' -ErrorAction Stop } | Should -Throw '*-ApiKey is empty*'
        (Get-AiDefault).SessionValues | Should -BeNullOrEmpty
    }

    It 'fails with a clear message when an AI_* variable is malformed' {
        $env:AI_TIMEOUT = 'soon'
        { Invoke-AiChat 'x' -Model sim-text -ErrorAction Stop } | Should -Throw "*AI_TIMEOUT is 'soon'*"
        Get-SimRequests $sim | Should -BeNullOrEmpty
    }

    It 'times out per attempt with -TimeoutSec' {
        $e = { Invoke-AiChat 'x' -Model sim-slow-5000 -TimeoutSec 1 -MaxRetries 0 -ErrorAction Stop } | Should -Throw -PassThru
        $e.FullyQualifiedErrorId | Should -Be 'InvokeAiChatTimeout,AiOps.PowerShell.InvokeAiChatCommand'
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'says in verbose output where the key came from, never the key' {
        $verbose = Invoke-AiChat 'x' -Model sim-text -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match 'provider openai, model sim-text, endpoint http://127\.0\.0\.1:\d+/v1, key present \(OPENAI_API_KEY\)'
        "$verbose" | Should -Not -Match '0123456789abcdef'
    }
}

Describe 'Get-AiProvider' {
    BeforeEach {
        Restore-AiEnvironment @{}
        Set-SimulatorEnvironment $sim
        Set-AiDefault -Clear
    }

    It 'lists the providers, the default first, with keys as present or missing' {
        $providers = Get-AiProvider
        $providers[0].Name | Should -Be 'openai'
        $providers[0].IsDefault | Should -BeTrue
        $providers[0].IsConfigured | Should -BeTrue
        $providers[0].ApiKey | Should -Be 'present (OPENAI_API_KEY)'
        $providers[0].ApiKeyVariable | Should -Be 'OPENAI_API_KEY'
        $providers[0].MaxEmbeddingBatchSize | Should -Be 2048
        $azure = $providers | Where-Object Name -EQ 'azure-openai'
        $azure.ApiKey | Should -Be 'missing'
        $azure.IsConfigured | Should -BeFalse
        ($providers | Where-Object Name -EQ 'ollama').ApiKey | Should -Be 'not needed'
        ($providers | Format-List * | Out-String) | Should -Not -Match '0123456789abcdef'
    }

    It 'finds providers by any spelling and wildcard, filters -Configured, and reports unknown names' {
        (Get-AiProvider AzureOpenAI).Name | Should -Be 'azure-openai'
        @(Get-AiProvider 'open*').Name | Should -Contain 'openai-compatible'
        (Get-AiProvider -Configured).Name | Should -Not -Contain 'azure-openai'
        $null = Get-AiProvider nosuch -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'GetAiProviderNotFound,AiOps.PowerShell.GetAiProviderCommand'
    }

    It 'shows a Key Vault reference as such' {
        Set-AiDefault -Provider openai -ApiKey 'kv://ops-vault/openai-key'
        (Get-AiProvider openai).ApiKey | Should -Be 'Key Vault reference (Set-AiDefault)'
    }
}

Describe 'Get-AiUsage' {
    BeforeAll {
        Restore-AiEnvironment @{}
        Set-SimulatorEnvironment $sim
        Set-AiDefault -Clear
    }

    It 'totals tokens per provider and model, and resets' {
        $null = Get-AiUsage -Reset
        $a = Invoke-AiChat 'one two three' -Model sim-echo
        $b = Invoke-AiChat 'four' -Model sim-echo
        $null = 'x', 'y' | Get-AiEmbedding -Dimensions 2

        $usage = Get-AiUsage
        $chat = $usage | Where-Object Model -EQ 'sim-echo'
        $chat.Provider | Should -Be 'openai'
        $chat.Requests | Should -Be 2
        $chat.InputTokens | Should -Be ($a.Usage.InputTokens + $b.Usage.InputTokens)
        $chat.OutputTokens | Should -Be ($a.Usage.OutputTokens + $b.Usage.OutputTokens)
        $embed = $usage | Where-Object Model -EQ 'text-embedding-3-small'
        $embed.Requests | Should -Be 1
        $embed.Embeddings | Should -Be 2
        (Get-AiUsage -Provider OpenAI).Count | Should -Be 2

        $null = Get-AiUsage -Reset
        Get-AiUsage | Should -BeNullOrEmpty
    }
}

Describe 'Measure-AiToken' {
    It 'counts exactly with the o200k and cl100k encodings' {
        $o = Measure-AiToken 'Hello world' -Model gpt-4o
        $o.Tokens | Should -Be 2
        $o.Encoding | Should -Be 'o200k_base'
        $o.IsEstimate | Should -BeFalse
        $c = Measure-AiToken 'Hello world' -Model gpt-4
        $c.Encoding | Should -Be 'cl100k_base'
        $c.Tokens | Should -Be 2
        # The two encodings differ on non-English text (values from tiktoken's o200k_base and cl100k_base).
        (Measure-AiToken 'Привет, как дела? 你好世界' -Model gpt-4o).Tokens | Should -Be 9
        (Measure-AiToken 'Привет, как дела? 你好世界' -Model gpt-4).Tokens | Should -Be 14
    }

    It 'estimates for models whose tokenizer is not public' {
        $e = Measure-AiToken ('x' * 41) -Model claude-sonnet-4-5
        $e.Tokens | Should -Be 11
        $e.IsEstimate | Should -BeTrue
        $e.Encoding | Should -Be 'estimate'
    }

    It 'counts piped objects by -Property and reports objects without it' {
        $r = @([pscustomobject]@{ T = 'Hello world' }, [pscustomobject]@{ X = 1 } | Measure-AiToken -Property T -Model gpt-4o -ErrorVariable err -ErrorAction SilentlyContinue)
        $r.Count | Should -Be 1
        $r[0].Tokens | Should -Be 2
        $r[0].Characters | Should -Be 11
        $err[0].FullyQualifiedErrorId | Should -Be 'MeasureAiTokenNoText,AiOps.PowerShell.MeasureAiTokenCommand'
    }
}
