#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.7.1' }
# Get-AiEmbedding and Compare-AiEmbedding: batching across the pipeline, order, concurrency, progress, errors.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'AiOps.TestSupport.psm1') -Force
    Import-TestDoubles
    $script:saved = Save-AiEnvironment
    $script:sim = Start-AiOpsSimulator
    Set-SimulatorEnvironment $sim
    Import-AiOpsForTest

    function script:Get-EmbeddingRequests { @(Get-SimRequests $sim | Where-Object path -EQ '/v1/embeddings') }
}

AfterAll {
    Stop-AiOpsSimulator $sim
    Restore-AiEnvironment $saved
}

Describe 'Get-AiEmbedding' {
    BeforeEach { Reset-SimRequests $sim }

    Context 'batching across the pipeline' {
        It 'sends <Count> items with -BatchSize 5 as <Expected> request(s) and writes them in input order' -TestCases @(
            @{ Count = 0; Expected = 0 }
            @{ Count = 1; Expected = 1 }
            @{ Count = 4; Expected = 1 }
            @{ Count = 5; Expected = 1 }
            @{ Count = 6; Expected = 2 }
        ) {
            $texts = @(if ($Count) { 1..$Count | ForEach-Object { "item-$_" } })
            $out = @($texts | Get-AiEmbedding -BatchSize 5 -Dimensions 4)

            $requests = Get-EmbeddingRequests
            $requests.Count | Should -Be $Expected
            # Batches run concurrently and may reach the simulator in either order: order them by their first item.
            $sent = @($requests | ForEach-Object { , @($_.Json.input) } | Sort-Object { [int]($_[0] -replace '^item-', '') })
            for ($i = 0; $i -lt $Expected; $i++) {
                $sent[$i] | Should -Be @($texts | Select-Object -Skip ($i * 5) -First 5)
                $requests[$i].Json.dimensions | Should -Be 4
            }
            $out.Count | Should -Be $Count
            if ($Count) {
                $out.Index | Should -Be @(0..($Count - 1))
                $out.Text | Should -Be $texts
                $out.InputObject | Should -Be $texts
                $out[0].Vector.Count | Should -Be 4
                $out[0].Dimensions | Should -Be 4
                $out[0].Provider | Should -Be 'openai'
                $out[0].Model | Should -Be 'text-embedding-3-small'
            }
        }

        It 'uses the provider''s limit (2048) by default: <Count> items make <Expected> request(s)' -TestCases @(
            @{ Count = 2047; Expected = 1 }
            @{ Count = 2048; Expected = 1 }
            @{ Count = 2049; Expected = 2 }
        ) {
            $out = @(1..$Count | ForEach-Object { "t$_" } | Get-AiEmbedding -Dimensions 2)
            $requests = Get-EmbeddingRequests
            $requests.Count | Should -Be $Expected
            # Batches run concurrently, so the requests may arrive in either order: compare the sizes, largest first.
            $sizes = @($requests | ForEach-Object { @($_.Json.input).Count } | Sort-Object -Descending)
            $sizes[0] | Should -Be ([math]::Min($Count, 2048))
            ($sizes | Measure-Object -Sum).Sum | Should -Be $Count
            $out.Count | Should -Be $Count
            $out[-1].Text | Should -Be "t$Count"
            $out[-1].Index | Should -Be ($Count - 1)
        }

        It 'embeds 10,000 strings in input order, each with its own vector' {
            $texts = 1..10000 | ForEach-Object { "line $_ of the log" }
            $out = @($texts | Get-AiEmbedding -Dimensions 3 -BatchSize 1000 -ThrottleLimit 8)

            (Get-EmbeddingRequests).Count | Should -Be 10
            $out.Count | Should -Be 10000
            [string]::Join('|', $out.Text) | Should -BeExactly ([string]::Join('|', $texts))
            [string]::Join(',', $out.Index) | Should -BeExactly ([string]::Join(',', 0..9999))
            # Each vector belongs to its text: the simulator's vectors are deterministic per text.
            $single = 'line 7777 of the log' | Get-AiEmbedding -Dimensions 3
            $out[7776].Vector | Should -Be $single.Vector
        }

        It 'keeps input order when batches finish out of order' {
            $canned = [AiOpsTests.CannedServer]::new()
            try {
                # Batch 1 (first text 'a') is answered only after the three other batches.
                $canned.HoldText = 'a'
                $canned.HoldUntilAnswered = 3
                $texts = 'a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'ggggggg', 'hhhhhhhh'
                $out = @($texts | Get-AiEmbedding -BaseUri $canned.BaseUrl -BatchSize 2 -ThrottleLimit 4)

                @($canned.EmbeddingCompletionOrder)[-1] | Should -Be 'a'
                $out.Text | Should -Be $texts
                $out.Index | Should -Be @(0..7)
                # The canned vector is [length, 1, 0]: each vector is its own text's.
                $out | ForEach-Object { $_.Vector[0] | Should -Be $_.Text.Length }
            }
            finally { $canned.Dispose() }
        }

        It 'sends -ThrottleLimit batches at once, and never more' {
            $canned = [AiOpsTests.CannedServer]::new()
            try {
                # Each request is answered only once three are in flight together: the batches must run concurrently.
                $canned.WaitForInFlight = 3
                $out = @(1..9 | ForEach-Object { "x$_" } | Get-AiEmbedding -BaseUri $canned.BaseUrl -BatchSize 1 -ThrottleLimit 3)
                $out.Count | Should -Be 9
                $canned.MaxInFlight | Should -Be 3
            }
            finally { $canned.Dispose() }
        }

        It 'lowers a -BatchSize above the provider''s limit, with a warning' {
            $out = @(1..3 | ForEach-Object { "w$_" } | Get-AiEmbedding -BatchSize 5000 -Dimensions 2 -WarningVariable w -WarningAction SilentlyContinue)
            "$w" | Should -Be "-BatchSize 5000 is above openai's limit of 2048 inputs per request; using 2048."
            $out.Count | Should -Be 3
        }

        It 'takes an array through -InputObject' {
            $out = Get-AiEmbedding -InputObject 'one', 'two' -Dimensions 2
            $out.Text | Should -Be @('one', 'two')
            (Get-EmbeddingRequests).Count | Should -Be 1
        }
    }

    Context 'progress' {
        It 'writes progress with counts and time left, and completes it' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript("Import-Module '$(Get-AiOpsModulePath)'; `$ProgressPreference = 'Continue'; 1..30 | ForEach-Object { `"p`$_`" } | Get-AiEmbedding -BatchSize 10 -Dimensions 2 -ThrottleLimit 1")
                $out = $ps.Invoke()
                $out.Count | Should -Be 30
                $records = @($ps.Streams.Progress | Where-Object Activity -EQ 'Get-AiEmbedding')
                $records.Count | Should -BeGreaterOrEqual 4
                $records[-1].RecordType | Should -Be 'Completed'
                $status = @($records | Where-Object RecordType -EQ 'Processing')
                $status[-1].StatusDescription | Should -Be '30 of 30 embedded (3 batches of up to 10)'
                $status[-1].PercentComplete | Should -Be 100
                @($status | Where-Object { $_.SecondsRemaining -ge 0 }).Count | Should -BeGreaterThan 0
            }
            finally { $ps.Dispose() }
        }
    }

    Context 'objects and options' {
        It 'embeds -Property of objects and reports objects without it, sending nothing for them' {
            $objects = [pscustomobject]@{ Id = 1; Body = 'disk full' }, [pscustomobject]@{ Id = 2 }, [pscustomobject]@{ Id = 3; Body = 'cert expired' }
            $out = @($objects | Get-AiEmbedding -Property Body -Dimensions 2 -ErrorVariable err -ErrorAction SilentlyContinue)

            $out.Count | Should -Be 2
            $out.Text | Should -Be @('disk full', 'cert expired')
            $out.Index | Should -Be @(0, 2)
            $out[1].InputObject.Id | Should -Be 3
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GetAiEmbeddingNoText,AiOps.PowerShell.GetAiEmbeddingCommand'
            $err[0].TargetObject.Id | Should -Be 2
            @((Get-EmbeddingRequests)[0].Json.input) | Should -Be @('disk full', 'cert expired')
        }

        It 'reports empty texts per item and sends nothing for them' {
            $out = @('ok', '', '   ', 'fine' | Get-AiEmbedding -Dimensions 2 -ErrorVariable err -ErrorAction SilentlyContinue)
            $out.Text | Should -Be @('ok', 'fine')
            $err.Count | Should -Be 2
            @((Get-EmbeddingRequests)[0].Json.input) | Should -Be @('ok', 'fine')
        }

        It 'ignores -TaskType for OpenAI with a warning and does not send it' {
            $null = 'x' | Get-AiEmbedding -TaskType RETRIEVAL_QUERY -Dimensions 2 -WarningVariable w -WarningAction SilentlyContinue
            "$w" | Should -Match '-TaskType applies to Google Gemini'
            (Get-EmbeddingRequests)[0].body | Should -Not -Match 'taskType|RETRIEVAL'
        }

        It 'uses -Model and Set-AiDefault -EmbeddingModel' {
            $null = 'x' | Get-AiEmbedding -Model text-embedding-3-large -Dimensions 2
            (Get-EmbeddingRequests)[0].Json.model | Should -Be 'text-embedding-3-large'
            Reset-SimRequests $sim
            Set-AiDefault -Provider openai -EmbeddingModel sim-embedding-b
            try {
                $out = 'x' | Get-AiEmbedding -Dimensions 2
                (Get-EmbeddingRequests)[0].Json.model | Should -Be 'sim-embedding-b'
                $out.Model | Should -Be 'sim-embedding-b'
            }
            finally { Set-AiDefault -Clear }
        }
    }

    Context 'Google Gemini' {
        BeforeAll {
            $env:GEMINI_API_KEY = 'gemini-test-key-0123456789'
            $env:GEMINI_BASE_URL = $sim.Url
        }
        AfterAll { $env:GEMINI_API_KEY = $null; $env:GEMINI_BASE_URL = $null }

        It 'batches at Gemini''s limit of 100 and sends -TaskType and -Dimensions' {
            $out = @(1..150 | ForEach-Object { "g$_" } | Get-AiEmbedding -Provider Gemini -TaskType retrieval_document -Dimensions 8)

            $requests = @(Get-SimRequests $sim | Where-Object path -Like '/v1beta/models/*')
            $requests.Count | Should -Be 2
            $requests[0].path | Should -Be '/v1beta/models/gemini-embedding-001:batchEmbedContents'
            $requests[0].headers.'x-goog-api-key' | Should -Be 'gemini-test-key-0123456789'
            # The two batches run concurrently, so they may arrive in either order.
            @($requests | ForEach-Object { $_.Json.requests.Count } | Sort-Object) | Should -Be @(50, 100)
            $requests[0].Json.requests[0].taskType | Should -Be 'RETRIEVAL_DOCUMENT'
            $requests[0].Json.requests[0].outputDimensionality | Should -Be 8
            $out.Count | Should -Be 150
            $out[149].Text | Should -Be 'g150'
            $out[0].Provider | Should -Be 'google'
            $out[0].Vector.Count | Should -Be 8
        }
    }

    Context 'the local provider (offline)' {
        It 'embeds in process with ONNX Runtime loaded through the module''s load context, and ranks by meaning' {
            $docs = @('disk full on /var, no space left on device', 'the TLS certificate has expired', 'database connection pool exhausted' |
                    Get-AiEmbedding -Provider local)

            $docs.Count | Should -Be 3
            $docs[0].Provider | Should -Be 'local'
            $docs[0].Model | Should -Be 'all-minilm-l6-v2'
            $docs[0].Dimensions | Should -Be 384
            (Get-SimRequests $sim) | Should -BeNullOrEmpty
            ($docs | Compare-AiEmbedding -Query 'the browser warns that the certificate is out of date' -Top 1).Text | Should -Be 'the TLS certificate has expired'
            ($docs | Compare-AiEmbedding -Query 'we ran out of disk space' -Top 1).Text | Should -Be 'disk full on /var, no space left on device'
        }
    }

    Context 'errors' {
        It 'stops the command on a rejected key' {
            $e = { 'a', 'b' | Get-AiEmbedding -Model sim-error-401 -ErrorAction Stop } | Should -Throw -PassThru
            $e.FullyQualifiedErrorId | Should -Be 'GetAiEmbeddingAuthentication,AiOps.PowerShell.GetAiEmbeddingCommand'
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        }

        It 'reports a failed batch as a non-terminating error naming its inputs' {
            $out = @(1..4 | ForEach-Object { "e$_" } | Get-AiEmbedding -Model sim-error-400 -BatchSize 2 -ErrorVariable err -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $err.Count | Should -Be 2
            $err[0].FullyQualifiedErrorId | Should -Be 'GetAiEmbeddingInvalidRequest,AiOps.PowerShell.GetAiEmbeddingCommand'
            $err[0].ErrorDetails.Message | Should -BeLike 'Inputs 0-1 were not embedded:*'
            $err[1].ErrorDetails.Message | Should -BeLike 'Inputs 2-3 were not embedded:*'
            $err[0].TargetObject | Should -Be @('e1', 'e2')
        }

        It 'fails with MissingApiKey before sending anything' {
            $key = $env:OPENAI_API_KEY
            $env:OPENAI_API_KEY = $null
            try {
                { 'x' | Get-AiEmbedding -ErrorAction Stop } | Should -Throw -ErrorId 'GetAiEmbeddingMissingApiKey,AiOps.PowerShell.GetAiEmbeddingCommand'
                Get-EmbeddingRequests | Should -BeNullOrEmpty
            }
            finally { $env:OPENAI_API_KEY = $key }
        }

        It 'says a provider without embeddings (Anthropic) cannot embed' {
            if (-not (Get-AiProvider anthropic -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'the Anthropic provider is not registered in this build'; return }
            $env:ANTHROPIC_API_KEY = 'sk-ant-test-0123456789'
            try {
                $e = { 'x' | Get-AiEmbedding -Provider anthropic -ErrorAction Stop } | Should -Throw -PassThru
                $e.FullyQualifiedErrorId | Should -Be 'GetAiEmbeddingNotSupported,AiOps.PowerShell.GetAiEmbeddingCommand'
                $e.CategoryInfo.Category | Should -Be 'NotImplemented'
            }
            finally { $env:ANTHROPIC_API_KEY = $null }
        }
    }
}

Describe 'Compare-AiEmbedding' {
    BeforeAll {
        $script:docs = 'restart the web server', 'renew the TLS certificate', 'clean the disk', 'rotate the logs' | Get-AiEmbedding -Dimensions 16
    }
    BeforeEach { Reset-SimRequests $sim }

    It 'ranks candidates by cosine similarity to an embedding query' {
        $query = $docs[2]
        $r = @($docs | Compare-AiEmbedding -Query $query)
        $r.Count | Should -Be 4
        $r[0].Rank | Should -Be 1
        $r[0].Text | Should -Be 'clean the disk'
        $r[0].Similarity | Should -BeGreaterThan 0.9999
        # ($r.Rank would be System.Array.Rank.)
        $r | ForEach-Object Rank | Should -Be @(1, 2, 3, 4)
        for ($i = 1; $i -lt 4; $i++) { $r[$i].Similarity | Should -BeLessOrEqual $r[$i - 1].Similarity }
        Get-SimRequests $sim | Should -BeNullOrEmpty
    }

    It 'embeds a text query with the candidates'' provider and model, and returns the top k' {
        $r = @($docs | Compare-AiEmbedding -Query 'renew the TLS certificate' -Top 2)
        $r.Count | Should -Be 2
        $r[0].Text | Should -Be 'renew the TLS certificate'
        $r[0].InputObject | Should -Be 'renew the TLS certificate'
        $r[0].Similarity | Should -BeGreaterThan 0.9999
        $requests = @(Get-SimRequests $sim)
        $requests.Count | Should -Be 1
        $requests[0].Json.model | Should -Be 'text-embedding-3-small'
        @($requests[0].Json.input) | Should -Be @('renew the TLS certificate')
    }

    It 'embeds a text query again with the candidates'' -Dimensions when the lengths differ' {
        $small = 'clean the disk', 'rotate the logs' | Get-AiEmbedding -Dimensions 8
        Reset-SimRequests $sim
        $r = @($small | Compare-AiEmbedding -Query 'clean the disk' -Top 1)
        $r[0].Text | Should -Be 'clean the disk'
        $requests = @(Get-SimRequests $sim)
        $requests.Count | Should -Be 2
        $requests[0].Json.PSObject.Properties.Name | Should -Not -Contain 'dimensions'
        $requests[1].Json.dimensions | Should -Be 8
    }

    It 'computes the cosine of plain vectors' {
        $r = Compare-AiEmbedding -Query @(1, 0) -InputObject @(0.6, 0.8)
        $r.Similarity | Should -BeGreaterThan 0.59999
        $r.Similarity | Should -BeLessThan 0.60001
    }

    It 'filters by -MinimumSimilarity' {
        $r = @($docs | Compare-AiEmbedding -Query $docs[0] -MinimumSimilarity 0.9999)
        $r.Count | Should -Be 1
    }

    It 'reports candidates that are not embeddings, and a query of another length' {
        $null = 'nope' | Compare-AiEmbedding -Query $docs[0] -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'CompareAiEmbeddingNotAnEmbedding,AiOps.PowerShell.CompareAiEmbeddingCommand'
        { $docs | Compare-AiEmbedding -Query @(1, 2, 3) -ErrorAction Stop } | Should -Throw -ErrorId 'CompareAiEmbeddingDimensionMismatch,AiOps.PowerShell.CompareAiEmbeddingCommand'
    }
}
