using System.Diagnostics;
using System.Threading.Channels;
using Credence.Registry.Ledger;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The single writer: one thread owns one connection, takes every unit of work queued since its
/// last commit, runs them in one transaction and commits once (group commit), then completes their
/// tasks. With the server's <c>synchronous_commit</c> on (its default) the commit is in the
/// server's durable WAL when a task completes.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: the same discipline as the SQLite store's writer, so both stores meet one
/// contract: one commit (one WAL flush) for many requests; if a unit throws, the transaction is
/// rolled back and each unit of the group runs again in a transaction of its own, so only the
/// failing one fails; disposing drains what was queued and returns after the last commit.
/// </para>
/// <para>
/// Implementation note: each unit's instant is taken here, as the unit is about to run: the later
/// of the clock and the previous unit's instant, so instants follow commit order and never go back
/// (see <see cref="IRegistryWriter.Now"/>). A unit run again after a rollback takes a new instant.
/// The latest instant given is also kept in the database (<c>writer_clock</c>, read under the writers'
/// advisory lock as each transaction begins and raised before it commits), so the order holds across
/// a restart with the clock set back and between processes whose clocks differ.
/// Two processes writing the same database take turns: each transaction first takes the writers'
/// advisory lock (see <see cref="PostgresSession.Began"/>), so their transactions are serialised as
/// one writer's would be, and each sees what the other committed before it.
/// </para>
/// <para>
/// Implementation note: every entry of the ledger is appended by the shared appender in the
/// transaction of the row it covers and flushed before the commit; a transaction first takes the
/// ledger's advisory lock and reopens the appender's tree if the last one rolled back or another
/// process appended meanwhile (see <see cref="PostgresSession.Began"/>).
/// </para>
/// <para>
/// Implementation note: the writer is the ledger's sequencer, with the SQLite writer's batching (see
/// <see cref="LedgerBatching"/>): the units waiting when a transaction opens join it, in order, until
/// it holds <see cref="LedgerBatching.BatchSize"/> entries (a unit is never split); when units were
/// waiting as it opened (the registry is under load) it stays open for more arrivals until it is
/// <see cref="LedgerBatching.BatchInterval"/> old, measured on the machine's clock. So under load many
/// units share one commit (one WAL flush), and an isolated write never waits.
/// </para>
/// <para>
/// Implementation note: a connection that broke (the server restarted, the network dropped) is
/// replaced before the next transaction; the units of the failed one fail with the error, none is
/// acknowledged without its commit.
/// </para>
/// </remarks>
internal sealed class PostgresWriter : IAsyncDisposable
{
    private const int MaxGroup = 4096;

    /// <summary>
    /// The shortest run of entries the appender integrates at once here: a bulk intake's entries go to
    /// the server a few thousand at a time (by COPY), not a configured batch's few hundred; the batch
    /// size still closes transactions.
    /// </summary>
    private const int AppenderRun = 8192;

    /// <summary>Record versions the writer keeps in memory at most (about 250 bytes each), as the SQLite store's does.</summary>
    private const int RecordCacheCapacity = 400_000;

    private readonly Channel<PostgresWriteItem> queue = Channel.CreateUnbounded<PostgresWriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PostgresWriteItem> group = [];
    private readonly Queue<PostgresWriteItem> waiting = new();
    private readonly TimeProvider clock;
    private readonly LedgerBatching batching;
    private PostgresSession? session;
    private long commits;
    private DateTimeOffset last = DateTimeOffset.MinValue;

    /// <param name="batching">How units' ledger entries are batched into transactions.</param>
    public PostgresWriter(NpgsqlDataSource dataSource, TimeProvider clock, LedgerBatching batching)
    {
        this.batching = batching.Checked();
        this.dataSource = dataSource;
        this.clock = clock;
        var thread = new Thread(Loop) { IsBackground = true, Name = "credence-postgres-writer" };
        thread.Start();
    }

    /// <summary>Transactions committed so far (each may hold many units of work).</summary>
    public long Commits => Interlocked.Read(ref commits);

    public Task<T> Enqueue<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new PostgresWriteItem<T>(work, cancellationToken);
        return queue.Writer.TryWrite(item)
            ? item.Task
            : Task.FromException<T>(new ObjectDisposedException(nameof(PostgresWriter), "the registry store is shut down and takes no more writes"));
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
            session?.Connection.Dispose();
            stopped.TrySetResult();
        }
    }

    /// <summary>Takes what is queued now (up to a group's worth) into <see cref="waiting"/>.</summary>
    private void Drain(ChannelReader<PostgresWriteItem> reader)
    {
        while (waiting.Count < MaxGroup && reader.TryRead(out var next))
        {
            waiting.Enqueue(next);
        }
    }

    /// <summary>Waits up to <paramref name="left"/> (the machine's clock) for a unit to arrive; false when none did, or the queue is closed.</summary>
    private static bool Arrives(ChannelReader<PostgresWriteItem> reader, TimeSpan left)
    {
        var wait = reader.WaitToReadAsync();
        if (wait.IsCompleted)
        {
            return wait.Result;
        }

        var task = wait.AsTask();
        return task.Wait(left) && task.Result;
    }

    private void Floor(DateTimeOffset stored)
    {
        if (stored > last)
        {
            last = stored;
        }
    }

    private DateTimeOffset Order()
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        if (now > last)
        {
            last = now;
        }

        return last;
    }

    /// <summary>The writer's session, opened again when its connection broke.</summary>
    private PostgresSession Session()
    {
        if (session is { } open && open.Connection.FullState.HasFlag(System.Data.ConnectionState.Open) && !open.Connection.FullState.HasFlag(System.Data.ConnectionState.Broken))
        {
            return open;
        }

        session?.Connection.Dispose();
        session = null;
        var opened = new PostgresSession(dataSource.OpenConnection());
        try
        {
            opened.Appender = LedgerAppender.Open(opened, Math.Max(batching.BatchSize, AppenderRun));
            opened.RecordCache = new PostgresRecordCache(RecordCacheCapacity);
        }
        catch
        {
            opened.Connection.Dispose();
            throw;
        }

        session = opened;
        return session;
    }

    /// <summary>Runs one batch: units from <see cref="waiting"/> (and, under load, arrivals) in one transaction, up to the batch's size or age.</summary>
    private void RunBatch(ChannelReader<PostgresWriteItem> reader, bool underLoad)
    {
        var opened = Stopwatch.GetTimestamp();
        group.Clear();
        PostgresSession? s = null;
        try
        {
            s = Session();
            using (var transaction = s.Connection.BeginTransaction())
            {
                s.Transaction = transaction;
                Floor(s.Began());
                var start = s.Appender?.Size ?? 0;
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
                    s.Now = Order();
                    Run(s, item);
                    if ((s.Appender?.Size ?? 0) - start >= batching.BatchSize || group.Count >= MaxGroup)
                    {
                        break;
                    }
                }

                if (group.Count == 0)
                {
                    // Every unit taken was cancelled: nothing ran, the transaction rolls back empty.
                    s.Transaction = null;
                    return;
                }

                s.Committing(last);
                transaction.Commit();
            }

            s.Committed();

            s.Transaction = null;
            Interlocked.Increment(ref commits);
        }
        catch (Exception ex)
        {
            // Disposing the transaction without a commit rolled it back (or the connection is gone).
            RolledBack(s);
            if (group.Count == 0)
            {
                // No unit ran (the server could not be reached, or refused the turn): the first waiting one fails, so the writer moves on.
                if (waiting.TryDequeue(out var next))
                {
                    next.Fail(ex);
                }

                return;
            }

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
    private void RunAlone(PostgresWriteItem item)
    {
        PostgresSession? s = null;
        try
        {
            s = Session();
            using (var transaction = s.Connection.BeginTransaction())
            {
                s.Transaction = transaction;
                Floor(s.Began());
                s.Now = Order();
                Run(s, item);
                s.Committing(last);
                transaction.Commit();
            }

            s.Committed();

            s.Transaction = null;
            Interlocked.Increment(ref commits);
        }
        catch (Exception ex)
        {
            RolledBack(s);
            item.Fail(ex);
            return;
        }

        item.Complete();
    }

    /// <summary>Runs one unit; what the session read ahead for it is dropped when it ends, whatever its end.</summary>
    private static void Run(PostgresSession s, PostgresWriteItem item)
    {
        try
        {
            item.Run(s);
        }
        finally
        {
            s.UnitEnded();
        }
    }

    private static void RolledBack(PostgresSession? s)
    {
        if (s is not null)
        {
            s.Transaction = null;
            s.RolledBack();
        }
    }
}
