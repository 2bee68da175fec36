// Test doubles for the AiOps Pester tests, compiled with Add-Type:
// - ScriptedHost: a PowerShell host whose prompts are answered from a script (to test -ToolInvocation Confirm);
// - CannedServer: an OpenAI-shaped HTTP endpoint that replies with canned chat completions (to make the model call tools that
//   were never declared) and holds one embeddings batch until the others are answered (to make batches finish out of order).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AiOpsTests
{
    public sealed class ScriptedHost : PSHost
    {
        private readonly ScriptedUI _ui = new ScriptedUI();
        private readonly Guid _id = Guid.NewGuid();

        public ScriptedUI Script => _ui;
        public override string Name => "AiOpsScriptedHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class ScriptedUI : PSHostUserInterface
    {
        private readonly ScriptedRawUI _raw = new ScriptedRawUI();

        /// <summary>Answers to PromptForChoice, by choice label ('Yes', 'Yes to All', 'No', 'No to All'), in order.</summary>
        public Queue<string> Answers { get; } = new Queue<string>();
        public List<string> Prompts { get; } = new List<string>();
        public StringBuilder Output { get; } = new StringBuilder();
        public override PSHostRawUserInterface RawUI => _raw;

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + " | " + message);
            if (Answers.Count == 0) throw new InvalidOperationException("The test gave no answer for: " + message);
            string answer = Answers.Dequeue();
            for (int i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), answer, StringComparison.OrdinalIgnoreCase)) return i;
            }
            throw new InvalidOperationException("No choice labelled '" + answer + "'.");
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) => Output.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Output.Append(value);
        public override void WriteLine(string value) => Output.AppendLine(value);
        public override void WriteErrorLine(string value) => Output.AppendLine(value);
        public override void WriteDebugLine(string message) => Output.AppendLine(message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) => Output.AppendLine(message);
        public override void WriteWarningLine(string message) => Output.AppendLine(message);
    }

    public sealed class ScriptedRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; }
        public override Size BufferSize { get; set; } = new Size(200, 1000);
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override ConsoleColor ForegroundColor { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => new Size(200, 1000);
        public override Size MaxWindowSize => new Size(200, 1000);
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; } = new Size(200, 50);
        public override string WindowTitle { get; set; } = string.Empty;
        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }

    public sealed class CannedServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly ConcurrentQueue<string> _chat = new ConcurrentQueue<string>();
        private readonly object _gate = new object();
        private int _answered;
        private int _inFlight;
        private int _maxInFlight;

        public CannedServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
            _listener.Start();
            Task.Run(Loop);
        }

        public int Port { get; }
        public string BaseUrl => "http://127.0.0.1:" + Port + "/v1";
        public ConcurrentQueue<string> Bodies { get; } = new ConcurrentQueue<string>();

        /// <summary>The first input of the embeddings batches, in the order their responses were sent.</summary>
        public ConcurrentQueue<string> EmbeddingCompletionOrder { get; } = new ConcurrentQueue<string>();

        /// <summary>An embeddings batch whose first input is this text is answered only after HoldUntilAnswered other batches.</summary>
        public string HoldText { get; set; }

        /// <summary>When above 0, embeddings requests wait (up to 10 s) until this many have been in flight at once; after that none waits.</summary>
        public int WaitForInFlight { get; set; }
        public int HoldUntilAnswered { get; set; }

        /// <summary>The most embeddings requests that were being handled at the same time.</summary>
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public void EnqueueChat(string json) => _chat.Enqueue(json);

        public static string ToolCallCompletion(string name, string argumentsJson) =>
            "{\"id\":\"chatcmpl-canned\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"canned\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null," +
            "\"tool_calls\":[{\"id\":\"call_" + name + "\",\"type\":\"function\",\"function\":{\"name\":" + JsonSerializer.Serialize(name) + ",\"arguments\":" + JsonSerializer.Serialize(argumentsJson) + "}}]}," +
            "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}";

        public static string TextCompletion(string text) =>
            "{\"id\":\"chatcmpl-canned\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"canned\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" +
            JsonSerializer.Serialize(text) + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":5,\"total_tokens\":10}}";

        private async Task Loop()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                _ = Task.Run(() => Handle(context));
            }
        }

        private void Handle(HttpListenerContext context)
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = reader.ReadToEnd();
            Bodies.Enqueue(body);
            string path = context.Request.Url.AbsolutePath;
            string reply;
            if (path.EndsWith("/embeddings", StringComparison.Ordinal))
            {
                int now = Interlocked.Increment(ref _inFlight);
                int seen;
                while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
                using JsonDocument doc = JsonDocument.Parse(body);
                var inputs = new List<string>();
                foreach (JsonElement e in doc.RootElement.GetProperty("input").EnumerateArray()) inputs.Add(e.GetString());
                if (WaitForInFlight > 0)
                {
                    lock (_gate)
                    {
                        Monitor.PulseAll(_gate);
                        DateTime until = DateTime.UtcNow.AddSeconds(10);
                        while (Volatile.Read(ref _maxInFlight) < WaitForInFlight && DateTime.UtcNow < until) Monitor.Wait(_gate, 100);
                    }
                }
                if (HoldText != null && inputs[0] == HoldText)
                {
                    lock (_gate) { while (_answered < HoldUntilAnswered) Monitor.Wait(_gate, 30000); }
                }
                var sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
                for (int i = 0; i < inputs.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":[")
                      .Append(inputs[i].Length.ToString(CultureInfo.InvariantCulture)).Append(",1,0]}");
                }
                sb.Append("],\"model\":\"canned-embedding\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
                reply = sb.ToString();
                Interlocked.Decrement(ref _inFlight);
                Send(context, 200, reply);
                EmbeddingCompletionOrder.Enqueue(inputs[0]);
                lock (_gate) { _answered++; Monitor.PulseAll(_gate); }
                return;
            }

            reply = _chat.TryDequeue(out string canned) ? canned : TextCompletion("(no canned reply)");
            Send(context, 200, reply);
        }

        private static void Send(HttpListenerContext context, int status, string json)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes, 0, bytes.Length);
            context.Response.Close();
        }

        public void Dispose()
        {
            lock (_gate) { _answered = int.MaxValue; Monitor.PulseAll(_gate); }
            _listener.Close();
        }
    }
}
