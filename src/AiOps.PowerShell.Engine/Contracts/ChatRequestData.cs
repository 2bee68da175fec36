// Licensed under the MIT License.

using System;
using System.Collections.Generic;

namespace AiOps.PowerShell.Engine;

/// <summary>One <c>Invoke-AiChat</c> request, in BCL types.</summary>
public sealed class ChatRequestData
{
    /// <summary>Gets or sets where to send it.</summary>
    public ConnectionOptions Connection { get; set; } = new();

    /// <summary>Gets or sets the system prompt; it replaces a system message carried in <see cref="History"/>.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Gets the earlier conversation.</summary>
    public IList<ChatMessageData> History { get; } = new List<ChatMessageData>();

    /// <summary>Gets or sets the new user message (the prompt plus any pipeline context).</summary>
    public string UserText { get; set; } = string.Empty;

    /// <summary>Gets or sets the sampling temperature.</summary>
    public float? Temperature { get; set; }

    /// <summary>Gets or sets the output token limit.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets nucleus sampling (0 to 1).</summary>
    public float? TopP { get; set; }

    /// <summary>Gets or sets the seed for repeatable sampling, where the provider supports it.</summary>
    public long? Seed { get; set; }

    /// <summary>Gets the stop sequences.</summary>
    public IList<string> Stop { get; } = new List<string>();

    /// <summary>Gets or sets a value indicating whether the answer is streamed through <see cref="ChatCallbacks.OnText"/>.</summary>
    public bool Stream { get; set; }

    /// <summary>Gets or sets a .NET or PowerShell class the answer must describe; the reply is deserialized into it.</summary>
    public Type? SchemaType { get; set; }

    /// <summary>Gets or sets a JSON schema (from a hashtable or JSON text) the answer must match; the reply is returned as JSON text.</summary>
    public object? Schema { get; set; }

    /// <summary>Gets the tools the model may call.</summary>
    public IList<ToolDeclaration> Tools { get; } = new List<ToolDeclaration>();

    /// <summary>Gets or sets a value indicating whether tool calls are run (through <see cref="ChatCallbacks.InvokeTool"/>);
    /// when <see langword="false"/>, the first answer with tool calls is returned with them pending.</summary>
    public bool RunTools { get; set; }

    /// <summary>Gets or sets how many rounds of tool calls may run before the engine stops.</summary>
    public int MaxToolIterations { get; set; } = 10;

    /// <summary>Gets provider-specific options (<c>ChatOptions.AdditionalProperties</c>).</summary>
    public IDictionary<string, object?> AdditionalProperties { get; } = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets a value indicating whether the provider's raw response is returned as JSON.</summary>
    public bool IncludeRaw { get; set; }
}
