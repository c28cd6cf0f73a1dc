using System.Threading.Channels;
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
/// Implementation note: a connection that broke (the server restarted, the network dropped) is
/// replaced before the next transaction; the units of the failed one fail with the error, none is
/// acknowledged without its commit.
/// </para>
/// </remarks>
internal sealed class PostgresWriter : IAsyncDisposable
{
    private const int MaxGroup = 4096;

    private readonly Channel<PostgresWriteItem> queue = Channel.CreateUnbounded<PostgresWriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PostgresWriteItem> group = [];
    private readonly TimeProvider clock;
    private PostgresSession? session;
    private long commits;
    private DateTimeOffset last = DateTimeOffset.MinValue;

    private readonly int batchSize;

    /// <param name="batchSize">The run of ledger entries the appender integrates at once (<see cref="Ledger.LedgerBatching.BatchSize"/>).</param>
    public PostgresWriter(NpgsqlDataSource dataSource, TimeProvider clock, int batchSize)
    {
        this.batchSize = batchSize;
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
            session?.Connection.Dispose();
            stopped.TrySetResult();
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
            opened.Appender = Ledger.LedgerAppender.Open(opened, batchSize);
        }
        catch
        {
            opened.Connection.Dispose();
            throw;
        }

        session = opened;
        return session;
    }

    private void Run(List<PostgresWriteItem> items)
    {
        PostgresSession? s = null;
        try
        {
            s = Session();
            using (var transaction = s.Connection.BeginTransaction())
            {
                s.Transaction = transaction;
                var highWater = s.Began();
                if (highWater > last)
                {
                    last = highWater;
                }

                foreach (var item in items)
                {
                    s.Now = Order();
                    item.Run(s);
                }

                s.Committing(last);
                transaction.Commit();
            }

            s.Transaction = null;
            Interlocked.Increment(ref commits);
        }
        catch (Exception ex)
        {
            // Disposing the transaction without a commit rolled it back (or the connection is gone).
            if (s is not null)
            {
                s.Transaction = null;
                s.RolledBack();
            }

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
