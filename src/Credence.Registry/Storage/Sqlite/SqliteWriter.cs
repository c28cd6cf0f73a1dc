using System.Diagnostics;
using System.Threading.Channels;
using Credence.Registry.Ledger;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The single writer: one thread owns the write connection, takes every unit of work queued since
/// its last commit, runs them in one transaction and commits once (group commit), then completes
/// their tasks. With <c>synchronous=FULL</c> the commit has reached the disk when a task completes.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: one fsync for many requests is what makes durable decisions and access
/// events cheap. If a unit throws, the whole transaction is rolled back and each unit of the group
/// is run again in a transaction of its own, so only the failing one fails. Disposing stops taking
/// new work, drains what was queued, and returns when the last commit did: nothing acknowledged is
/// lost, and nothing queued is dropped.
/// </para>
/// <para>
/// Implementation note: the writer is the ledger's sequencer, and a transaction is a batch (see
/// <see cref="LedgerBatching"/>). The units waiting when a batch opens join it, in order, until it
/// holds <see cref="LedgerBatching.BatchSize"/> entries (the rest open the next batch; a unit is never
/// split); when units were waiting as it opened (the registry is under load) it stays open for more
/// arrivals until it is <see cref="LedgerBatching.BatchInterval"/> old. An isolated write never waits.
/// The batch's entries are flushed, with their nodes, just before the commit, so rows and entries are
/// durable together, and each unit is acknowledged only after that commit. A failed batch rolls back
/// and its units run again one by one, so a failure fails only the unit that causes it, and never a
/// unit of another batch. The interval is measured on the machine's clock, never the registry's
/// (a test clock that stands still must not hold a batch open).
/// </para>
/// <para>
/// Implementation note: each unit's instant (<see cref="IRegistryWriter.Now"/>) is taken here, on the
/// writer's thread, as the unit is about to run: the later of the clock and the previous unit's
/// instant. So instants follow commit order and never go back, and the invariant every re-scoring
/// rests on holds: a subject's stored state is the assessment at the instant of the latest unit that
/// changed it, and that instant is no earlier than any record version the unit could see. A unit
/// that took its instant on the caller's thread, before it was queued, could run after a unit that
/// took a later one and re-score as of a moment before that unit's records counted (issue 11, 8).
/// A unit run again after a rollback takes a new instant, still in order.
/// </para>
/// </remarks>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxGroup = 4096;

    private readonly Channel<WriteItem> queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteSession session;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<WriteItem> group = [];
    private readonly Queue<WriteItem> waiting = new();
    private readonly Action committed;
    private readonly TimeProvider clock;
    private readonly LedgerBatching batching;
    private long commits;
    private DateTimeOffset last = DateTimeOffset.MinValue;

    /// <param name="session">The write connection, owned by the writer's thread from now on.</param>
    /// <param name="clock">Where units' instants come from (see <see cref="Order"/>).</param>
    /// <param name="batching">How units' ledger entries are batched into transactions.</param>
    /// <param name="committed">Told after each commit (the checkpointer); must return at once.</param>
    public SqliteWriter(SqliteSession session, TimeProvider clock, LedgerBatching batching, Action committed)
    {
        this.session = session;
        this.clock = clock;
        this.batching = batching.Checked();
        this.committed = committed;
        var thread = new Thread(Loop) { IsBackground = true, Name = "credence-sqlite-writer" };
        thread.Start();
    }

    /// <summary>Transactions committed so far (each may hold many units of work).</summary>
    public long Commits => Interlocked.Read(ref commits);

    public Task<T> Enqueue<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new WriteItem<T>(work, cancellationToken);
        return queue.Writer.TryWrite(item)
            ? item.Task
            : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteWriter), "the registry store is shut down and takes no more writes"));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopped.Task.ConfigureAwait(false);
    }

    private void Loop()
    {
        var reader = queue.Reader;
        try
        {
            while (true)
            {
                if (waiting.Count == 0)
                {
                    if (!reader.TryRead(out var first))
                    {
                        if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                        {
                            break;
                        }

                        continue;
                    }

                    waiting.Enqueue(first);
                }

                Drain(reader);
                RunBatch(reader, underLoad: waiting.Count > 1);
            }
        }
        finally
        {
            stopped.TrySetResult();
        }
    }

    /// <summary>Takes what is queued now (up to a group's worth) into <see cref="waiting"/>.</summary>
    private void Drain(ChannelReader<WriteItem> reader)
    {
        while (waiting.Count < MaxGroup && reader.TryRead(out var next))
        {
            waiting.Enqueue(next);
        }
    }

    /// <summary>Waits up to <paramref name="left"/> (the machine's clock) for a unit to arrive; false when none did, or the queue is closed.</summary>
    private static bool Arrives(ChannelReader<WriteItem> reader, TimeSpan left)
    {
        var wait = reader.WaitToReadAsync();
        if (wait.IsCompleted)
        {
            return wait.Result;
        }

        var task = wait.AsTask();
        return task.Wait(left) && task.Result;
    }

    /// <summary>The next unit's instant: the clock's now, or the previous unit's instant if the clock is behind it.</summary>
    private DateTimeOffset Order()
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        if (now > last)
        {
            last = now;
        }

        return last;
    }

    /// <summary>Runs one batch: units from <see cref="waiting"/> (and, under load, arrivals) in one transaction, up to the batch's size or age.</summary>
    private void RunBatch(ChannelReader<WriteItem> reader, bool underLoad)
    {
        var opened = Stopwatch.GetTimestamp();
        group.Clear();
        try
        {
            using (var transaction = session.Connection.BeginTransaction())
            {
                session.Transaction = transaction;
                session.Began();
                var start = session.Appender?.Size ?? 0;
                while (true)
                {
                    if (waiting.Count == 0)
                    {
                        var left = batching.BatchInterval - Stopwatch.GetElapsedTime(opened);
                        if (!underLoad || left <= TimeSpan.Zero || !Arrives(reader, left))
                        {
                            break;
                        }

                        Drain(reader);
                        continue;
                    }

                    var item = waiting.Dequeue();
                    if (item.TryCancel())
                    {
                        continue;
                    }

                    group.Add(item);
                    session.Now = Order();
                    item.Run(session);
                    if ((session.Appender?.Size ?? 0) - start >= batching.BatchSize || group.Count >= MaxGroup)
                    {
                        break;
                    }
                }

                if (group.Count == 0)
                {
                    // Every unit taken was cancelled: nothing ran, the transaction rolls back empty.
                    session.Transaction = null;
                    return;
                }

                session.Appender?.Flush(session);
                transaction.Commit();
            }

            session.Transaction = null;
            Interlocked.Increment(ref commits);
            committed();
        }
        catch (Exception ex)
        {
            RolledBack();
            if (group.Count == 1)
            {
                group[0].Fail(ex);
                return;
            }

            // The batch failed: each of its units runs again alone, so only the one at fault fails.
            foreach (var item in group.ToArray())
            {
                RunAlone(item);
            }

            return;
        }

        foreach (var item in group)
        {
            item.Complete();
        }
    }

    /// <summary>Runs a unit in a transaction of its own (after its batch failed).</summary>
    private void RunAlone(WriteItem item)
    {
        try
        {
            using (var transaction = session.Connection.BeginTransaction())
            {
                session.Transaction = transaction;
                session.Began();
                session.Now = Order();
                item.Run(session);
                session.Appender?.Flush(session);
                transaction.Commit();
            }

            session.Transaction = null;
            Interlocked.Increment(ref commits);
            committed();
        }
        catch (Exception ex)
        {
            RolledBack();
            item.Fail(ex);
            return;
        }

        item.Complete();
    }

    /// <summary>After a rollback (disposing the transaction without a commit rolled it back): forget what it appended and cached.</summary>
    private void RolledBack()
    {
        session.Transaction = null;
        session.Appender?.Reload(session);
        session.RolledBack();
    }
}
