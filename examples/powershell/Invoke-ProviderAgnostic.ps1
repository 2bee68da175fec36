#!/usr/bin/env pwsh
<#
.SYNOPSIS
    The same script against any provider, switched by environment variables only.

.DESCRIPTION
    Nothing here names a provider, model, endpoint or key: AI_PROVIDER and the provider's own variables decide.

        $env:AI_PROVIDER = 'openai';       $env:OPENAI_API_KEY = '...'
        $env:AI_PROVIDER = 'anthropic';    $env:ANTHROPIC_API_KEY = '...'
        $env:AI_PROVIDER = 'google';       $env:GEMINI_API_KEY = '...'
        $env:AI_PROVIDER = 'azure-openai'; $env:AZURE_OPENAI_API_KEY = '...'; $env:AZURE_OPENAI_ENDPOINT = 'https://<resource>.openai.azure.com'; $env:AZURE_OPENAI_DEPLOYMENT = 'gpt-4o'
        $env:AI_PROVIDER = 'ollama';       $env:OLLAMA_HOST = 'http://localhost:11434'

.EXAMPLE
    $env:AI_PROVIDER = 'google'; ./Invoke-ProviderAgnostic.ps1 -Question 'What is a runbook?'
#>
[CmdletBinding()]
param([string] $Question = 'In one sentence: what is a runbook?')

$ErrorActionPreference = 'Stop'
Import-Module AiOps -ErrorAction SilentlyContinue
if (-not (Get-Module AiOps)) { Import-Module (Join-Path $PSScriptRoot '../../out/module/AiOps') }

$answer = Invoke-AiChat $Question
[pscustomobject]@{
    Provider = $answer.Provider
    Model    = $answer.Model
    Answer   = $answer.Content
    Tokens   = $answer.Usage.TotalTokens
}
