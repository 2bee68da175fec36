# Module manifest for AiOps. Build-Module.ps1 sets ModuleVersion from the build (Directory.Build.props VersionPrefix).
@{
    RootModule             = 'AiOps.PowerShell.dll'
    ModuleVersion          = '0.0.0'
    CompatiblePSEditions   = @('Core')
    PowerShellVersion      = '7.4'
    GUID                   = '5d0c3f3e-8a47-4b8c-9a52-1e4a9d6f2c71'
    Author                 = 'AiOps contributors'
    CompanyName            = 'AiOps'
    Copyright              = '(c) AiOps contributors. MIT License.'
    Description            = 'One provider-agnostic AI client for ops scripts: chat, streaming, structured output, tools and batched embeddings against OpenAI, Azure OpenAI, Anthropic, Google Gemini and OpenAI-compatible servers (Ollama, vLLM, LM Studio), with retries, keys from environment variables or Key Vault, and dependencies isolated from other modules.'

    # Explicit lists: no wildcards, so command discovery never has to load the module.
    CmdletsToExport        = @(
        'Invoke-AiChat'
        'Get-AiEmbedding'
        'Compare-AiEmbedding'
        'Set-AiDefault'
        'Get-AiDefault'
        'Get-AiProvider'
        'New-AiTool'
        'Get-AiUsage'
        'Measure-AiToken'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()

    FormatsToProcess       = @('AiOps.format.ps1xml')
    TypesToProcess         = @('AiOps.types.ps1xml')

    PrivateData            = @{
        PSData = @{
            Tags         = @('AI', 'LLM', 'OpenAI', 'AzureOpenAI', 'Anthropic', 'Claude', 'Gemini', 'Ollama', 'Embeddings', 'Chat', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://github.com/aiops/aiops/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/aiops/aiops'
            ReleaseNotes = 'https://github.com/aiops/aiops/blob/main/docs/powershell.md'
        }
    }
}
