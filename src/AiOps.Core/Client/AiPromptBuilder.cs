// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps;

/// <summary>A fluent request: <c>client.Prompt().System("…").User("…").Model("…").Temperature(0.2f).SendAsync()</c>.</summary>
/// <remarks>A builder is for one request and is not thread-safe. <see cref="SendAsync{T}"/> asks for JSON matching a schema generated
/// from <c>T</c> and checks the reply against it.</remarks>
public sealed class AiPromptBuilder
{
    private readonly AiClient _client;
    private readonly List<ChatMessage> _messages = [];
    private readonly ChatOptions _options = new();

    internal AiPromptBuilder(AiClient client) => _client = client;

    /// <summary>Gets the messages built so far.</summary>
    public IReadOnlyList<ChatMessage> BuiltMessages => _messages;

    /// <summary>Gets the options built so far.</summary>
    public ChatOptions Options => _options;

    /// <summary>Adds a system message.</summary>
    /// <param name="text">The instructions.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder System(string text) => Add(ChatRole.System, text);

    /// <summary>Adds a user message.</summary>
    /// <param name="text">The user's text.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder User(string text) => Add(ChatRole.User, text);

    /// <summary>Adds a user message with text and other content (images as <see cref="DataContent"/> or <see cref="UriContent"/>).</summary>
    /// <param name="text">The user's text.</param>
    /// <param name="contents">More content.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder User(string text, params AIContent[] contents)
    {
        var all = new List<AIContent> { new TextContent(text) };
        all.AddRange(contents);
        _messages.Add(new ChatMessage(ChatRole.User, all));
        return this;
    }

    /// <summary>Adds an assistant message (a previous answer, for few-shot prompts or history).</summary>
    /// <param name="text">The assistant's text.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder Assistant(string text) => Add(ChatRole.Assistant, text);

    /// <summary>Adds earlier messages (conversation history).</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder History(IEnumerable<ChatMessage> messages)
    {
        _messages.AddRange(Throw.IfNull(messages));
        return this;
    }

    /// <summary>Sets the model (Azure OpenAI: the deployment).</summary>
    /// <param name="model">The model id.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder Model(string model)
    {
        _options.ModelId = Throw.IfNullOrWhitespace(model);
        return this;
    }

    /// <summary>Sets the sampling temperature.</summary>
    /// <param name="temperature">The temperature; providers accept 0–1 (Anthropic) or 0–2.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder Temperature(float temperature)
    {
        _options.Temperature = temperature;
        return this;
    }

    /// <summary>Sets the output token limit.</summary>
    /// <param name="maxTokens">The limit.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder MaxTokens(int maxTokens)
    {
        _options.MaxOutputTokens = maxTokens;
        return this;
    }

    /// <summary>Sets nucleus sampling.</summary>
    /// <param name="topP">A probability mass between 0 and 1.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder TopP(float topP)
    {
        _options.TopP = topP;
        return this;
    }

    /// <summary>Adds stop sequences.</summary>
    /// <param name="sequences">Text at which the model stops.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder Stop(params string[] sequences)
    {
        _options.StopSequences ??= [];
        foreach (string s in Throw.IfNull(sequences))
        {
            _options.StopSequences.Add(s);
        }

        return this;
    }

    /// <summary>Adds tools the model may call (for example <c>AIFunctionFactory.Create(...)</c>).</summary>
    /// <param name="tools">The tools.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder Tools(params AITool[] tools)
    {
        _options.Tools ??= [];
        foreach (AITool t in Throw.IfNull(tools))
        {
            _options.Tools.Add(t);
        }

        return this;
    }

    /// <summary>Sets a provider-specific option (see docs/providers.md for each provider's list).</summary>
    /// <param name="name">The option name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder Option(string name, object? value)
    {
        _options.AdditionalProperties ??= [];
        _options.AdditionalProperties[Throw.IfNullOrWhitespace(name)] = value;
        return this;
    }

    /// <summary>Asks for JSON matching a schema generated from <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type the answer describes.</typeparam>
    /// <returns>This builder.</returns>
    public AiPromptBuilder ResponseSchema<T>()
    {
        _options.ResponseFormat = StructuredOutput.FormatFor(typeof(T));
        return this;
    }

    /// <summary>Asks for JSON matching a JSON schema.</summary>
    /// <param name="schema">The JSON schema.</param>
    /// <param name="name">The schema's name (OpenAI requires one).</param>
    /// <returns>This builder.</returns>
    public AiPromptBuilder ResponseSchema(JsonElement schema, string name = "response")
    {
        _options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, name);
        return this;
    }

    /// <summary>Sends the request.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="AiException">The call failed.</exception>
    public Task<ChatResponse> SendAsync(CancellationToken cancellationToken = default) =>
        _client.ChatAsync(_messages, _options, cancellationToken);

    /// <summary>Streams the answer.</summary>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The updates as they arrive.</returns>
    public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(CancellationToken cancellationToken = default) =>
        _client.ChatStreamAsync(_messages, _options, cancellationToken);

    /// <summary>Sends the request asking for JSON matching <typeparamref name="T"/>'s schema, checks the reply and deserializes it.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The typed answer.</returns>
    /// <exception cref="AiException">The call failed, or the reply is not valid JSON for the schema (<see cref="AiErrorKind.InvalidResponse"/>).</exception>
    public async Task<T> SendAsync<T>(CancellationToken cancellationToken = default)
    {
        ChatResponseFormatJson format = StructuredOutput.FormatFor(typeof(T));
        _options.ResponseFormat = format;
        ChatResponse response = await _client.ChatAsync(_messages, _options, cancellationToken).ConfigureAwait(false);
        return StructuredOutput.Read<T>(response.Text, format.Schema!.Value, _client.Provider.Value);
    }

    private AiPromptBuilder Add(ChatRole role, string text)
    {
        _messages.Add(new ChatMessage(role, text));
        return this;
    }
}
