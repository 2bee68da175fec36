// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AiOps.PowerShell.Engine;

namespace AiOps.PowerShell;

/// <summary><c>Invoke-AiChat</c>: sends a prompt (with piped objects as context) to any provider and returns an <see cref="AiChatResult"/>.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "AiChat")]
[OutputType(typeof(AiChatResult))]
public sealed class InvokeAiChatCommand : AiConnectionCmdlet
{
    private readonly List<object> _context = [];
    private readonly List<object?> _history = [];
    private Dictionary<string, AiTool> _tools = new(StringComparer.Ordinal);
    private bool _sentPerItem;
    private bool _yesToAll;
    private bool _noToAll;
    private Exception? _confirmFailure;

    /// <summary>Gets or sets the question or instruction.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Prompt { get; set; } = string.Empty;

    /// <summary>Gets or sets piped objects: context for the prompt (an <see cref="AiChatResult"/> continues its conversation instead).</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? InputObject { get; set; }

    /// <summary>Gets or sets the system prompt (instructions that frame the conversation).</summary>
    [Parameter]
    [Alias("System", "Instructions")]
    [ValidateNotNullOrEmpty]
    public string? SystemPrompt { get; set; }

    /// <summary>Gets or sets the sampling temperature (0 is most deterministic).</summary>
    [Parameter]
    public double? Temperature { get; set; }

    /// <summary>Gets or sets the most tokens the answer may have.</summary>
    [Parameter]
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets nucleus sampling (0 to 1).</summary>
    [Parameter]
    public double? TopP { get; set; }

    /// <summary>Gets or sets text at which the model stops.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Stop { get; set; }

    /// <summary>Gets or sets a seed for repeatable answers, where the provider supports it.</summary>
    [Parameter]
    public long? Seed { get; set; }

    /// <summary>Gets or sets a value indicating whether the answer is written to the host as it arrives.</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    /// <summary>Gets or sets the shape of the answer: a PowerShell class or .NET type (typed objects are returned), a hashtable or JSON schema text.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? ResponseSchema { get; set; }

    /// <summary>Gets or sets the tools the model may call (New-AiTool objects, command names or Get-Command output).</summary>
    [Parameter]
    [ToolTransformation]
    [ValidateNotNullOrEmpty]
    public AiTool[]? Tool { get; set; }

    /// <summary>Gets or sets whether tool calls run: None, Confirm (the default: ask each time) or Auto.</summary>
    [Parameter]
    public ToolInvocation ToolInvocation { get; set; } = ToolInvocation.Confirm;

    /// <summary>Gets or sets how many rounds of tool calls may run.</summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int MaxToolIterations { get; set; } = 10;

    /// <summary>Gets or sets the conversation so far (binds from a piped result's History property).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    public object[]? History { get; set; }

    /// <summary>Gets or sets a value indicating whether each piped object gets its own request.</summary>
    [Parameter]
    [Alias("ForEach")]
    public SwitchParameter PerItem { get; set; }

    /// <summary>Gets or sets how piped objects become text: Text, Json or Table.</summary>
    [Parameter]
    public ContextFormat ContextFormat { get; set; } = ContextFormat.Text;

    /// <summary>Gets or sets provider-specific request options, passed through as they are.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? AdditionalProperties { get; set; }

    /// <summary>Gets or sets a value indicating whether the provider's raw response is included in the result's Raw property.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <inheritdoc/>
    protected override string ErrorPrefix => "InvokeAiChat";

    /// <inheritdoc/>
    protected override void BeginProcessing()
    {
        if (string.IsNullOrWhiteSpace(Prompt))
        {
            ThrowTerminatingError(ErrorRecords.Invalid("-Prompt is empty or whitespace. Pass the question or instruction.", "InvokeAiChatEmptyPrompt", Prompt));
        }

        if (Tool is not null)
        {
            _tools = new Dictionary<string, AiTool>(StringComparer.Ordinal);
            foreach (AiTool t in Tool)
            {
                if (!_tools.TryAdd(t.Name, t))
                {
                    ThrowTerminatingError(ErrorRecords.Invalid($"Two tools are named '{t.Name}'. Give each a unique -Name with New-AiTool.", "InvokeAiChatDuplicateTool", t));
                }
            }
        }

        // In BeginProcessing only command-line parameters are bound, so this is an explicit -History.
        if (MyInvocation.BoundParameters.ContainsKey(nameof(History)) && History is not null)
        {
            _history.AddRange(History);
        }
    }

    /// <inheritdoc/>
    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }

        if (HistoryReader.IsChatResult(InputObject))
        {
            // A piped result is history: it continues the conversation (DESIGN: pipeline binding).
            _history.Clear();
            _history.Add(InputObject);
            return;
        }

        if (PerItem.IsPresent)
        {
            _sentPerItem = true;
            Send([InputObject], InputObject);
            return;
        }

        _context.Add(InputObject);
    }

    /// <inheritdoc/>
    protected override void EndProcessing()
    {
        if (!_sentPerItem)
        {
            Send(_context, _context.Count switch { 0 => Prompt, 1 => _context[0], _ => _context.ToArray() });
        }
    }

    private void Send(IReadOnlyList<object> contextItems, object target)
    {
        ChatRequestData request;
        try
        {
            request = BuildRequest(contextItems);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorRecords.Invalid(ex.Message, "InvokeAiChatInvalidArgument", target));
            return;
        }

        using var dispatcher = new PipelineDispatcher();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(CancelToken);
        bool streamed = false;
        bool warned = false;
        var callbacks = new ChatCallbacks
        {
            OnText = text => dispatcher.Post(() =>
            {
                streamed = true;
                WriteInformation(new HostInformationMessage { Message = text, NoNewLine = true }, ["PSHOST", "AiOps.Stream"]);
            }),
            OnLog = (level, message) => dispatcher.Post(() =>
            {
                warned |= level == "warning";
                WriteLog(level, message);
            }),
            InvokeTool = ToolInvocation == ToolInvocation.None
                ? null
                : (name, arguments, ct) => dispatcher.InvokeAsync(() => RunTool(name, arguments, abort), ct),
        };

        Task<ChatResultData> task = Task.Run(() => ChatEngine.RunAsync(request, callbacks, abort.Token), CancellationToken.None);
        dispatcher.RunUntil(task, CancelToken);
        if (streamed)
        {
            WriteInformation(new HostInformationMessage { Message = string.Empty }, ["PSHOST", "AiOps.Stream"]);
        }

        if (_confirmFailure is not null)
        {
            ThrowTerminatingError(new ErrorRecord(
                _confirmFailure,
                "InvokeAiChatConfirmUnavailable",
                ErrorCategory.InvalidOperation,
                Tool)
            {
                ErrorDetails = new ErrorDetails("-ToolInvocation Confirm asks before each tool runs, but this session cannot prompt: " + _confirmFailure.Message)
                {
                    RecommendedAction = "Use -ToolInvocation Auto to run declared tools without asking, or -ToolInvocation None to get the calls back without running them.",
                },
            });
        }

        ChatResultData data;
        try
        {
            data = task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            ReportFailure(ex, target);
            return;
        }

        object? value = data.Value is string json && request.SchemaType is null ? JsonToPSObject.Convert(json) : data.Value;
        AiChatResult result = ChatResultMapper.Map(data, value, streamed);
        WriteWarnings(result, data, warned);
        WriteObject(ResponseSchema is not null && value is not null ? value : result);
    }

    private ChatRequestData BuildRequest(IReadOnlyList<object> contextItems)
    {
        var request = new ChatRequestData
        {
            Connection = BuildConnection(),
            SystemPrompt = SystemPrompt,
            UserText = ContextFormatter.Compose(Prompt, ContextFormatter.Format(this, contextItems, ContextFormat)),
            Temperature = Temperature is double t ? (float)t : null,
            MaxTokens = MaxTokens,
            TopP = TopP is double p ? (float)p : null,
            Seed = Seed,
            Stream = Stream.IsPresent,
            RunTools = ToolInvocation != ToolInvocation.None,
            MaxToolIterations = MaxToolIterations,
            IncludeRaw = Raw.IsPresent,
        };

        object? schema = PSValue.Base(ResponseSchema);
        switch (schema)
        {
            case null:
                break;
            case Type type:
                request.SchemaType = type;
                break;
            case string text when !text.TrimStart().StartsWith('{'):
                request.SchemaType = LanguagePrimitives.ConvertTo<Type>(text);
                break;
            default:
                request.Schema = PSValue.ToBcl(schema);
                break;
        }

        foreach (string stop in Stop ?? [])
        {
            request.Stop.Add(stop);
        }

        foreach (ChatMessageData m in HistoryReader.Read(_history))
        {
            request.History.Add(m);
        }

        foreach (AiTool tool in _tools.Values)
        {
            request.Tools.Add(new ToolDeclaration { Name = tool.Name, Description = tool.Description, ParametersSchema = tool.ParametersSchema });
        }

        if (AdditionalProperties is not null)
        {
            foreach (DictionaryEntry entry in AdditionalProperties)
            {
                request.AdditionalProperties[entry.Key.ToString()!] = PSValue.ToBcl(entry.Value);
            }
        }

        return request;
    }

    private string? RunTool(string name, string arguments, CancellationTokenSource abort)
    {
        AiTool tool = _tools[name];
        if (ToolInvocation == ToolInvocation.Confirm && !_yesToAll)
        {
            if (_noToAll)
            {
                return null;
            }

            bool approved;
            try
            {
                approved = ShouldContinue(
                    $"Run tool '{tool.Name}' with {ToolRunner.Describe(arguments)}?",
                    "Invoke-AiChat: the model wants to run a tool",
                    ref _yesToAll,
                    ref _noToAll);
            }
            catch (Exception ex) when (ex is PSInvalidOperationException or System.Management.Automation.Host.HostException or PSNotImplementedException or NotImplementedException)
            {
                _confirmFailure = ex;
                abort.Cancel();
                throw new OperationCanceledException(abort.Token);
            }

            if (!approved)
            {
                WriteVerbose($"Tool '{tool.Name}' was declined.");
                return null;
            }
        }

        WriteVerbose($"Running tool '{tool.Name}' {ToolRunner.Describe(arguments)}");
        return ToolRunner.Run(this, tool, arguments);
    }

    private void WriteWarnings(AiChatResult result, ChatResultData data, bool warned)
    {
        switch (result.FinishReason)
        {
            case "length":
                WriteWarning("The answer was cut at the token limit (finish reason 'length'). Raise -MaxTokens or ask for a shorter answer.");
                break;
            case "content_filter":
                WriteWarning("The provider's content filter stopped the answer (finish reason 'content_filter')" +
                    (data.FilteredCategories is { Length: > 0 } categories ? $"; categories: {categories}" : string.Empty) + ". Rephrase the prompt.");
                break;
        }

        if (result.Refusal is not null)
        {
            WriteWarning("The model refused: " + result.Refusal);
        }

        if (data.ToolIterationLimitReached)
        {
            WriteWarning($"Stopped after {MaxToolIterations} rounds of tool calls (-MaxToolIterations); the model's last calls did not run.");
        }
        else if (ToolInvocation == ToolInvocation.None && result.ToolCalls.Any(c => c.Status == "Pending"))
        {
            WriteVerbose($"The model asked to run {result.ToolCalls.Count(c => c.Status == "Pending")} tool call(s); -ToolInvocation None did not run them (see ToolCalls).");
        }

        if (!warned && data.Attempts is int attempts && attempts > 1)
        {
            for (int i = 1; i < attempts; i++)
            {
                WriteWarning($"Attempt {i} of the request failed and was retried.");
            }
        }
    }
}
