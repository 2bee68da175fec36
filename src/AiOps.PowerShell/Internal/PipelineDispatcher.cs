// Licensed under the MIT License.

using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AiOps.PowerShell;

/// <summary>Runs work posted from background threads on the pipeline thread, where <c>Write*</c>, <c>ShouldContinue</c> and
/// scriptblocks are allowed. The pipeline thread pumps with <see cref="RunUntil"/> while an engine task is running.</summary>
/// <remarks><see cref="Post"/> and <see cref="InvokeAsync{T}"/> may be called from any thread; <see cref="RunUntil"/> and
/// <see cref="Drain"/> only from the pipeline thread.</remarks>
internal sealed class PipelineDispatcher : IDisposable
{
    private static readonly Action Wake = static () => { };
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());

    /// <summary>Queues work for the pipeline thread.</summary>
    public void Post(Action action)
    {
        try
        {
            _queue.Add(action);
        }
        catch (ObjectDisposedException)
        {
            // The command finished; late diagnostics are dropped.
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Runs a function on the pipeline thread and completes the task with its result.</summary>
    public Task<T> InvokeAsync<T>(Func<T> func, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenRegistration registration = cancellationToken.Register(static s => ((TaskCompletionSource<T>)s!).TrySetCanceled(), tcs);
        Post(() =>
        {
            try
            {
                if (!tcs.Task.IsCompleted)
                {
                    tcs.TrySetResult(func());
                }
            }
            catch (Exception ex)
            {
                tcs.TrySetException(ex);
            }
            finally
            {
                registration.Dispose();
            }
        });
        return tcs.Task;
    }

    /// <summary>Pumps posted work on the pipeline thread until <paramref name="task"/> completes, then drains what is left.</summary>
    /// <exception cref="PipelineStoppedException">The pipeline was stopped (Ctrl+C): the wait ends at once.</exception>
    public void RunUntil(Task task, CancellationToken stopping)
    {
        if (!task.IsCompleted)
        {
            _ = task.ContinueWith(static (_, s) => ((PipelineDispatcher)s!).Post(Wake), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        try
        {
            while (!task.IsCompleted)
            {
                _queue.Take(stopping)();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        Drain();
    }

    /// <summary>Runs whatever is queued, without waiting.</summary>
    public void Drain()
    {
        while (_queue.TryTake(out Action? action))
        {
            action();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _queue.Dispose();
}
