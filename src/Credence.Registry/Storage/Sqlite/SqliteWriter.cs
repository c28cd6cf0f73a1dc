using System.Threading.Channels;

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
    private readonly Action committed;
    private readonly TimeProvider clock;
    private long commits;
    private DateTimeOffset last = DateTimeOffset.MinValue;

    /// <param name="session">The write connection, owned by the writer's thread from now on.</param>
    /// <param name="clock">Where units' instants come from (see <see cref="Order"/>).</param>
    /// <param name="committed">Told after each commit (the checkpointer); must return at once.</param>
    public SqliteWriter(SqliteSession session, TimeProvider clock, Action committed)
    {
        this.session = session;
        this.clock = clock;
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
                if (!reader.TryRead(out var first))
                {
                    if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    continue;
                }

                group.Add(first);
                while (group.Count < MaxGroup && reader.TryRead(out var next))
                {
                    group.Add(next);
                }

                group.RemoveAll(item => item.TryCancel());
                if (group.Count > 0)
                {
                    Run(group);
                }

                group.Clear();
            }
        }
        finally
        {
            stopped.TrySetResult();
        }
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

    private void Run(List<WriteItem> items)
    {
        try
        {
            using (var transaction = session.Connection.BeginTransaction())
            {
                session.Transaction = transaction;
                session.Began();
                foreach (var item in items)
                {
                    session.Now = Order();
                    item.Run(session);
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
            // Disposing the transaction without a commit rolled it back.
            session.Transaction = null;
            session.Appender?.Reload(session);
            session.RolledBack();
            if (items.Count == 1)
            {
                items[0].Fail(ex);
                return;
            }

            foreach (var item in items)
            {
                Run([item]);
            }

            return;
        }

        foreach (var item in items)
        {
            item.Complete();
        }
    }
}
