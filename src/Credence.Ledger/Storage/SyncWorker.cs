using System.Runtime.ExceptionServices;

namespace Credence.Ledger.Storage;

/// <summary>A dedicated thread that runs one blocking action (an fsync) at a time on request.</summary>
/// <remarks>
/// Implementation note: a group commit fsyncs three files; issuing the fsyncs together lets the file
/// system share one journal commit and roughly halves commit latency. Doing it on the thread pool
/// (Parallel.Invoke) starves when callers block pool threads in AppendBatch, so each parallel fsync has
/// its own thread. One commit uses a worker at a time (the ledger's gate serialises commits).
/// </remarks>
internal sealed class SyncWorker : IDisposable
{
    private readonly Thread _thread;
    private readonly SemaphoreSlim _start = new(0, 1);
    private readonly SemaphoreSlim _done = new(0, 1);
    private Action? _work;
    private Exception? _error;
    private volatile bool _stopping;

    public SyncWorker(string name)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Starts <paramref name="work"/> on the worker thread.</summary>
    public void Begin(Action work)
    {
        _work = work;
        _error = null;
        _start.Release();
    }

    /// <summary>Waits for the work started by <see cref="Begin"/>, rethrowing its exception.</summary>
    public void End()
    {
        _done.Wait();
        if (_error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _start.Release();
        _thread.Join();
        _start.Dispose();
        _done.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _start.Wait();
            if (_stopping)
            {
                return;
            }

            try
            {
                _work!();
            }
            catch (Exception ex)
            {
                _error = ex;
            }

            _done.Release();
        }
    }
}
