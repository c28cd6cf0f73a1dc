using Credence.Registry.Ledger;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's single writer: the shared group commit (<see cref="GroupCommitWriter{TSession}"/>)
/// on one connection of its own. With the server's <c>synchronous_commit</c> on (its default) the commit is in the
/// server's durable WAL when a task completes.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: the latest instant given is kept in the database (<c>writer_clock</c>, read under the writers'
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
internal sealed class PostgresWriter : GroupCommitWriter<PostgresSession>
{
    /// <summary>
    /// The shortest run of entries the appender integrates at once here: a bulk intake's entries go to
    /// the server a few thousand at a time (by COPY), not a configured batch's few hundred; the batch
    /// size still closes transactions.
    /// </summary>
    private const int AppenderRun = 8192;

    /// <summary>Record versions the writer keeps in each of its cache's two generations (about 250 bytes each), as the SQLite store's does.</summary>
    private const int RecordCacheCapacity = 200_000;

    /// <summary>The same while a registry is built in bulk (<see cref="StoreChoice.BulkLoad"/>), as the SQLite store's.</summary>
    private const int BulkRecordCacheCapacity = 600_000;

    /// <summary>Subjects whose file changes the writer remembers at most (<see cref="SubjectStamps"/>).</summary>
    private const int StampCapacity = 200_000;

    /// <summary>Decisions whose subjects' files are read ahead together at most (one batch of queries with arrays of this many subjects).</summary>
    private const int ReadAheadDecisions = 256;

    private readonly NpgsqlDataSource dataSource;
    private readonly Func<Exception, Exception> lost;
    private readonly int recordCacheCapacity;
    private PostgresSession? session;

    /// <param name="batching">How units' ledger entries are batched into transactions.</param>
    /// <param name="lost">What a unit that failed because the connection was lost fails with (the store's 503).</param>
    /// <param name="bulkLoad">A registry built in bulk: the record cache keeps more versions.</param>
    public PostgresWriter(NpgsqlDataSource dataSource, TimeProvider clock, LedgerBatching batching, Func<Exception, Exception> lost, bool bulkLoad = false)
        : base(clock, batching, "credence-postgres-writer")
    {
        this.dataSource = dataSource;
        this.lost = lost;
        recordCacheCapacity = bulkLoad ? BulkRecordCacheCapacity : RecordCacheCapacity;
        Start();
    }

    /// <summary>
    /// A lost connection said as <see cref="StoreUnavailableException"/>: the unit is not acknowledged (had the
    /// connection broken during the commit itself, it may still have committed, as with any database; a record
    /// submitted again is then a duplicate, never a second record).
    /// </summary>
    protected override Exception Failure(Exception exception) =>
        exception is not OperationCanceledException && PostgresFailures.IsConnectionLoss(exception) ? lost(exception) : exception;

    /// <summary>The writer's session, opened again when its connection broke.</summary>
    protected override PostgresSession Session()
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
            // One snapshot for the tree's nodes and the entries' count: read apart, another process's commit
            // between them made a writer that opened beside it see more entries than leaves, and fail.
            LedgerAppender appender;
            using (var snapshot = opened.Connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead))
            {
                opened.Transaction = snapshot;
                appender = LedgerAppender.Open(opened, Math.Max(Batching.BatchSize, AppenderRun));
                snapshot.Commit();
                opened.Transaction = null;
            }

            opened.Appender = appender;
            opened.RecordCache = new PostgresRecordCache(recordCacheCapacity, appender.SubjectCommitment);
            opened.Stamps = new SubjectStamps(StampCapacity);
        }
        catch
        {
            opened.Transaction = null;
            opened.Connection.Dispose();
            throw;
        }

        session = opened;
        return session;
    }

    protected override DateTimeOffset Begin(PostgresSession s)
    {
        s.Transaction = s.Connection.BeginTransaction();
        return s.Began();
    }

    protected override long Appended(PostgresSession s) => s.Appender?.Size ?? 0;

    /// <summary>
    /// Runs one unit. What the session read ahead is dropped when a unit ends, whatever its end, except
    /// after a unit that promised to change no file (a decision) and succeeded: the files read ahead
    /// for the decisions queued behind it are still exact, and they are answered from memory.
    /// </summary>
    /// <remarks>
    /// Implementation note: a decision whose subject was not read ahead reads its file with those
    /// of the decisions waiting right behind it (up to <see cref="ReadAheadDecisions"/>), in one round
    /// trip (<see cref="PostgresSession.ReadAhead"/>); before, every decision made its own, and the single
    /// writer, with every unit queued behind it, waited on each. What was read stays exact while only
    /// decisions run: they insert decisions, notices and access events, none of which a file is built
    /// from. Any other unit drops it before it runs, and so do a commit and a rollback, so nothing read
    /// ahead outlives the transaction (another process may write between two).
    /// </remarks>
    protected override void Run(PostgresSession s, DateTimeOffset now, WriteItem item)
    {
        s.Now = now;
        if (item.Reads is { } subject)
        {
            // A unit that holds its subject's file reads nothing ahead, and keeps what was (it changes no file).
            if (!item.Holds && !s.ReadsAhead(subject.Value))
            {
                s.UnitEnded();
                s.ReadAhead(ReadsFrom(item, ReadAheadDecisions));
            }

            try
            {
                item.Run(s);
            }
            catch
            {
                s.UnitEnded();
                throw;
            }

            return;
        }

        s.UnitEnded();
        try
        {
            item.Run(s);
        }
        finally
        {
            s.UnitEnded();
        }
    }

    protected override DeferredWork Deferred(PostgresSession s) => s.Later;

    /// <summary>Runs the deferred work as a unit of its own: it starts and ends with nothing read ahead for a decision.</summary>
    protected override void RunDeferred(PostgresSession s)
    {
        if (!s.Later.Any)
        {
            return;
        }

        s.UnitEnded();
        try
        {
            base.RunDeferred(s);
        }
        finally
        {
            s.UnitEnded();
        }
    }

    protected override void Commit(PostgresSession s, DateTimeOffset last)
    {
        s.UnitEnded();
        s.Committing(last);
        var transaction = s.Transaction!;
        transaction.Commit();
        transaction.Dispose();
        s.Committed();
        s.Transaction = null;
    }

    protected override void Abandon(PostgresSession s)
    {
        s.UnitEnded();
        var transaction = s.Transaction;
        s.Transaction = null;
        transaction?.Dispose();
    }

    /// <summary>After a failure: the transaction is rolled back (or the connection is gone), and what it appended and cached is forgotten.</summary>
    protected override void RolledBack(PostgresSession? s)
    {
        if (s is null)
        {
            return;
        }

        var transaction = s.Transaction;
        s.Transaction = null;
        try
        {
            transaction?.Dispose();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // A broken connection cannot roll back; the server did when it lost it, and the next transaction opens a new one.
        }

        s.RolledBack();
    }

    protected override void Closing() => session?.Connection.Dispose();
}
