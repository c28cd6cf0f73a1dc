using Credence.Registry.Ledger;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The SQLite store's single writer: the shared group commit (<see cref="GroupCommitWriter{TSession}"/>)
/// on the one write connection. With <c>synchronous=FULL</c> the commit has reached the disk when a
/// unit's task completes.
/// </summary>
/// <remarks>
/// Implementation note: the session is opened once and owned by the writer's thread; each
/// transaction first checks whether another connection committed meanwhile (<see cref="SqliteSession.Began"/>),
/// reads the stored writer clock, and before its commit raises that clock and flushes the ledger's
/// batch, so rows and entries are durable together.
/// </remarks>
internal sealed class SqliteWriter : GroupCommitWriter<SqliteSession>
{
    private readonly SqliteSession session;
    private readonly Action committed;

    /// <param name="session">The write connection, owned by the writer's thread from now on.</param>
    /// <param name="clock">Where units' instants come from.</param>
    /// <param name="batching">How units' ledger entries are batched into transactions.</param>
    /// <param name="committed">Told after each commit (the checkpointer); must return at once.</param>
    public SqliteWriter(SqliteSession session, TimeProvider clock, LedgerBatching batching, Action committed)
        : base(clock, batching, "credence-sqlite-writer")
    {
        this.session = session;
        this.committed = committed;
        Start();
    }

    protected override SqliteSession Session() => session;

    protected override DateTimeOffset Begin(SqliteSession s)
    {
        s.Transaction = s.Connection.BeginTransaction();
        s.Began();
        return s.WriterClock();
    }

    protected override long Appended(SqliteSession s) => s.Appender?.Size ?? 0;

    protected override void Run(SqliteSession s, DateTimeOffset now, WriteItem item)
    {
        s.Now = now;
        item.Run(s);
    }

    protected override DeferredWork Deferred(SqliteSession s) => s.Later;

    protected override void Commit(SqliteSession s, DateTimeOffset last)
    {
        s.RaiseWriterClock(last);
        s.Appender?.Flush(s);
        var transaction = s.Transaction!;
        transaction.Commit();
        transaction.Dispose();
        s.Transaction = null;
    }

    protected override void Abandon(SqliteSession s)
    {
        var transaction = s.Transaction;
        s.Transaction = null;
        transaction?.Dispose();
    }

    /// <summary>After a failure: the transaction is rolled back (disposing it without a commit does), and what it appended and cached is forgotten.</summary>
    protected override void RolledBack(SqliteSession? s)
    {
        if (s is null)
        {
            return;
        }

        var transaction = s.Transaction;
        s.Transaction = null;
        transaction?.Dispose();
        s.Appender?.Reload(s);
        s.RolledBack();
    }

    protected override void Committed() => committed();
}
