// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace AiOps.PowerShell.Engine;

/// <summary>Runs <c>Invoke-AiChat</c> requests: builds the conversation, sends or streams it, runs declared tools through the
/// cmdlet's callback, checks structured output, and records usage.</summary>
public static class ChatEngine
{
    /// <summary>The text a declined tool call returns to the model.</summary>
    public const string DeclinedResult = "The user declined to run this tool.";

    /// <summary>Sends one request (with its tool rounds) and returns the outcome.</summary>
    /// <param name="request">The request.</param>
    /// <param name="callbacks">Where streamed text, diagnostics and tool calls go.</param>
    /// <param name="cancellationToken">Cancels the HTTP call and the tool loop (Ctrl+C).</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="Exception">An <c>AiException</c> (use <see cref="ErrorDescriber.Describe"/>) when the request fails.</exception>
    public static async Task<ChatResultData> RunAsync(ChatRequestData request, ChatCallbacks callbacks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(callbacks);
        long started = TimeProvider.System.GetTimestamp();

        ResolvedClient resolved = ClientResolver.Resolve(request.Connection, forEmbeddings: false);
        LogSink.Set(callbacks.OnLog, resolved.ApiKey);
        LogSink.Write("verbose", resolved.Describe("Invoke-AiChat"));

        if (string.IsNullOrWhiteSpace(request.UserText))
        {
            throw new AiException(AiErrorKind.InvalidRequest, "The prompt is empty. Pass the question as -Prompt.") { Parameter = "-Prompt" };
        }

        List<ChatMessage> messages = MessageMapper.Build(request);
        ResponseSchema? schema = ResponseSchema.From(request);
        var options = new ChatOptions
        {
            ModelId = resolved.Model,
            Temperature = request.Temperature,
            MaxOutputTokens = request.MaxTokens,
            TopP = request.TopP,
            Seed = request.Seed,
            StopSequences = request.Stop.Count > 0 ? [.. request.Stop] : null,
            ResponseFormat = schema?.Format,
        };
        foreach (KeyValuePair<string, object?> p in request.AdditionalProperties)
        {
            options.AdditionalProperties ??= [];
            options.AdditionalProperties[p.Key] = p.Value;
        }

        Dictionary<string, ToolDeclaration> declared = DeclareTools(request, options);
        var result = new ChatResultData { Provider = resolved.Provider.Id.Value, Model = resolved.Model };
        var calls = new Dictionary<string, ToolCallData>(StringComparer.Ordinal);
        ChatResponse response;
        int round = 0;
        while (true)
        {
            LogSink.Write("debug", $"Sending {messages.Count} message(s){(request.Stream ? " (streamed)" : string.Empty)}, round {round + 1}.");
            response = request.Stream
                ? await StreamAsync(resolved.Client, messages, options, callbacks, cancellationToken).ConfigureAwait(false)
                : await resolved.Client.ChatAsync(messages, options, cancellationToken).ConfigureAwait(false);
            Accumulate(result, response);
            messages.AddRange(response.Messages);

            List<FunctionCallContent> pending = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
            if (pending.Count == 0)
            {
                break;
            }

            bool stop = !request.RunTools || round >= request.MaxToolIterations;
            result.ToolIterationLimitReached = request.RunTools && round >= request.MaxToolIterations;
            var results = new List<AIContent>();
            foreach (FunctionCallContent call in pending)
            {
                var data = new ToolCallData { Id = call.CallId, Name = call.Name, Arguments = MessageMapper.SerializeArguments(call.Arguments) };
                calls[call.CallId] = data;
                result.ToolCalls.Add(data);
                if (stop)
                {
                    continue;
                }

                await RunToolAsync(data, declared, callbacks, cancellationToken).ConfigureAwait(false);
                results.Add(new FunctionResultContent(call.CallId, data.Result));
            }

            if (stop)
            {
                break;
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
            round++;
        }

        result.Content = response.Text;
        result.FinishReason = response.FinishReason?.Value;
        result.Refusal = FindRefusal(response);
        if (schema is not null && result.ToolCalls.All(c => c.Status != "Pending"))
        {
            result.Value = schema.Read(response.Text, resolved.Provider.Id.Value);
        }

        if (request.IncludeRaw)
        {
            result.RawJson = RawJson.From(response.RawRepresentation);
        }

        MessageMapper.ToData(messages, result.History, calls);
        result.Duration = TimeProvider.System.GetElapsedTime(started);
        UsageLedger.Record(result.Provider, result.Model ?? "(default)", requests: round + 1, result.InputTokens, result.OutputTokens, result.CachedInputTokens, result.ReasoningTokens, result.Cost, embeddings: 0);
        LogSink.Write("verbose", $"Invoke-AiChat: {result.Provider}/{result.Model} answered in {result.Duration.TotalMilliseconds:F0} ms, finish reason {result.FinishReason ?? "(none)"}, " +
            $"tokens in {result.InputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} out {result.OutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}.");
        return result;
    }

    private static Dictionary<string, ToolDeclaration> DeclareTools(ChatRequestData request, ChatOptions options)
    {
        var declared = new Dictionary<string, ToolDeclaration>(StringComparer.Ordinal);
        foreach (ToolDeclaration tool in request.Tools)
        {
            if (string.IsNullOrWhiteSpace(tool.Name) || tool.Name.Length > 64 || !tool.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new AiException(AiErrorKind.InvalidConfiguration, $"Tool name '{tool.Name}' is not usable: use 1 to 64 letters, digits, '_' or '-'.") { Parameter = "-Tool" };
            }

            if (!declared.TryAdd(tool.Name, tool))
            {
                throw new AiException(AiErrorKind.InvalidConfiguration, $"Two tools are named '{tool.Name}'. Give each tool a unique -Name.") { Parameter = "-Tool" };
            }

            JsonElement schema;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(tool.ParametersSchema);
                schema = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new AiException(AiErrorKind.InvalidConfiguration, $"Tool '{tool.Name}' has a parameter schema that is not valid JSON ({ex.Message}).", ex) { Parameter = "-Tool" };
            }

            options.Tools ??= [];
            options.Tools.Add(AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description ?? string.Empty, schema));
        }

        return declared;
    }

    private static async Task RunToolAsync(ToolCallData data, Dictionary<string, ToolDeclaration> declared, ChatCallbacks callbacks, CancellationToken cancellationToken)
    {
        if (!declared.ContainsKey(data.Name))
        {
            // Only declared tools ever run: a name the model made up is refused, never resolved as a command.
            data.Status = "Rejected";
            data.Result = $"Error: no tool named '{data.Name}' was declared. Use one of: {string.Join(", ", declared.Keys)}.";
            LogSink.Write("warning", $"The model asked for tool '{data.Name}', which was not declared; it was not run.");
            return;
        }

        if (callbacks.InvokeTool is null)
        {
            data.Status = "Declined";
            data.Result = DeclinedResult;
            return;
        }

        try
        {
            string? output = await callbacks.InvokeTool(data.Name, data.Arguments, cancellationToken).ConfigureAwait(false);
            data.Status = output is null ? "Declined" : "Completed";
            data.Result = output ?? DeclinedResult;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            data.Status = "Failed";
            data.Result = "Error: " + SecretRedactor.Redact(ex.Message);
            LogSink.Write("warning", $"Tool '{data.Name}' failed: {SecretRedactor.Redact(ex.Message)}");
        }
    }

    private static async Task<ChatResponse> StreamAsync(AiClient client, List<ChatMessage> messages, ChatOptions options, ChatCallbacks callbacks, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.ChatStreamAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            string text = update.Text;
            if (text.Length > 0)
            {
                callbacks.OnText?.Invoke(text);
            }
        }

        return updates.ToChatResponse();
    }

    private static void Accumulate(ChatResultData result, ChatResponse response)
    {
        result.Model = response.ModelId ?? result.Model;
        if (response.Usage is UsageDetails usage)
        {
            result.InputTokens = Add(result.InputTokens, usage.InputTokenCount);
            result.OutputTokens = Add(result.OutputTokens, usage.OutputTokenCount);
            result.TotalTokens = Add(result.TotalTokens, usage.TotalTokenCount ?? (usage.InputTokenCount + usage.OutputTokenCount));
            result.CachedInputTokens = Add(result.CachedInputTokens, usage.CachedInputTokenCount);
            result.ReasoningTokens = Add(result.ReasoningTokens, usage.ReasoningTokenCount);
        }

        if (response.AdditionalProperties is { } props)
        {
            if (props.TryGetValue(AiResponseProperties.Cost, out object? cost) && cost is not null)
            {
                result.Cost = (result.Cost ?? 0m) + Convert.ToDecimal(cost, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (props.TryGetValue(AiResponseProperties.RequestId, out object? id) && id is string requestId)
            {
                result.RequestId = requestId;
            }

            if (props.TryGetValue(AiResponseProperties.Attempts, out object? attempts) && attempts is not null)
            {
                result.Attempts = Convert.ToInt32(attempts, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (props.TryGetValue(AiResponseProperties.FilteredCategories, out object? filtered) && filtered is IEnumerable<string> categories)
            {
                result.FilteredCategories = string.Join(", ", categories);
            }

            if (props.TryGetValue(AiResponseProperties.Provider, out object? provider) && provider is string p && p.Length > 0)
            {
                result.Provider = p;
            }
        }
    }

    private static long? Add(long? total, long? value) => value is long v ? (total ?? 0) + v : total;

    private static string? FindRefusal(ChatResponse response)
    {
        // Providers report a refusal as ErrorContent with ErrorCode "refusal" (OpenAI's message.refusal).
        foreach (ChatMessage message in response.Messages)
        {
            foreach (ErrorContent error in message.Contents.OfType<ErrorContent>())
            {
                if (string.Equals(error.ErrorCode, "refusal", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(error.Message))
                {
                    return error.Message;
                }
            }
        }

        return null;
    }
}
