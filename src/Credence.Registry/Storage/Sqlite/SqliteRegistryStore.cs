using Credence.Registry.Ledger;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite database file in WAL mode with <c>synchronous=FULL</c> (an
/// acknowledged commit survives power loss), foreign keys on, schema migrations applied at open,
/// one writer with group commit, and pooled read connections.
/// </summary>
/// <remarks>
/// Implementation note: instants are stored as INTEGER UTC ticks rather than ISO text: comparisons
/// and range scans (listings that end, reviews that fall due) are integer comparisons, and a tick
/// round-trips exactly. Everything dialect-specific lives in this folder, so that a PostgreSQL store
/// can implement <see cref="IRegistryStore"/> beside it.
/// </remarks>
public sealed class SqliteRegistryStore : IRegistryStore
{
    /// <summary>Record versions the writer keeps in memory in each of its two generations (about 250 bytes each; 400,000 in all at most).</summary>
    private const int RecordCacheCapacity = 200_000;

    /// <summary>The same while a registry is built in bulk (the demo's million versions fit, about 300 MB).</summary>
    private const int BulkRecordCacheCapacity = 600_000;

    /// <summary>
    /// The shortest run of entries the ledger's appender integrates at once (as on PostgreSQL): an
    /// intake batch's entries are built together, in parallel, and inserted many rows a statement;
    /// the configured batch size still closes transactions, and the writer flushes before it commits.
    /// </summary>
    private const int AppenderRun = 4096;

    /// <summary>How much of the database file the writer maps while a registry is built in bulk.</summary>
    private const long BulkMapBytes = 4L << 30;

    /// <summary>The writer's own checkpoint threshold in pages: a backstop (see <see cref="SqliteCheckpointer"/>).</summary>
    private const int BackstopCheckpointPages = 50_000;

    private readonly SqliteWriter writer;
    private readonly SqliteCheckpointer checkpointer;
    private readonly SqliteReaderPool readers;
    private readonly SqliteSession writeSession;
    private int disposed;

    private SqliteRegistryStore(string path, SqliteSession writeSession, IReadOnlyList<int> applied, TimeProvider clock, LedgerBatching batching)
    {
        DatabasePath = path;
        this.writeSession = writeSession;
        AppliedMigrations = applied;
        checkpointer = new SqliteCheckpointer(path);
        writer = new SqliteWriter(writeSession, clock, batching, checkpointer.Committed);
        readers = new SqliteReaderPool(() => OpenSession(path, readOnly: true), 64);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The migrations applied when this store opened (empty when the schema was current).</summary>
    public IReadOnlyList<int> AppliedMigrations { get; }

    /// <summary>The schema version after migration.</summary>
    public static int SchemaVersion => SqliteMigrations.All.Max(m => m.Version);

    int IRegistryStore.SchemaVersion => SchemaVersion;

    /// <summary>The thread that copies the WAL into the database file.</summary>
    internal SqliteCheckpointer Checkpointer => checkpointer;

    /// <summary>Transactions the writer committed since open.</summary>
    public long Commits => writer.Commits;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    /// <param name="batching">How ledger appends are batched into transactions; <see cref="LedgerBatching.Default"/> when null.</param>
    /// <param name="bulkLoad">A registry built in bulk (<see cref="StoreChoice.BulkLoad"/>): the writer keeps more record versions and maps the file.</param>
    public static SqliteRegistryStore Open(string path, TimeProvider clock, LedgerBatching? batching = null, bool bulkLoad = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        batching = (batching ?? LedgerBatching.Default).Checked();
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var session = OpenSession(full, readOnly: false, bulkLoad);
        try
        {
            var applied = SqliteMigrations.Apply(session.Connection, clock.GetUtcNow());
            session.Appender = LedgerAppender.Open(session, Math.Max(batching.BatchSize, AppenderRun));
            return new SqliteRegistryStore(full, session, applied, clock, batching);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken);

    public Task<T> WriteAsync<T>(Core.Identifiers.SubjectId reads, Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken, reads);

    public Task<T> WriteDeferringAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken, defers: true);

    public Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default)
    {
        // Implementation note: SQLite is a synchronous engine, so the query runs on the caller's
        // thread and the task completes before it is returned; a caller cancelled before it starts
        // gets a cancelled task and the query never runs.
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(readers.Read(query));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await writer.DisposeAsync().ConfigureAwait(false);
        checkpointer.Dispose();
        readers.Dispose();
        try
        {
            writeSession.Execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
            // A checkpoint is housekeeping; the WAL is replayed at the next open either way.
        }

        writeSession.Dispose();
    }

    /// <remarks>
    /// Implementation note: in bulk the writer re-reads subject after subject that the scheduler
    /// wakes long after their records came in; with the file mapped those reads are memory reads
    /// instead of a system call and a copy per page (the pages are the kernel's file cache, freed
    /// with the mapping when the store closes), and the record cache holds a whole demo city.
    /// Neither is used by a store that serves: its resident memory stays bounded.
    /// </remarks>
    private static SqliteSession OpenSession(string path, bool readOnly, bool bulkLoad = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        var session = new SqliteSession(connection);
        session.Execute("PRAGMA busy_timeout = 10000");

        if (readOnly)
        {
            session.Execute("PRAGMA query_only = ON");
        }
        else
        {
            session.Execute("PRAGMA journal_mode = WAL");
            session.Execute("PRAGMA synchronous = FULL");
            session.Execute("PRAGMA foreign_keys = ON");
            session.Execute("PRAGMA temp_store = MEMORY");
            session.Execute("PRAGMA cache_size = -65536");
            session.Execute($"PRAGMA wal_autocheckpoint = {BackstopCheckpointPages}");
            if (bulkLoad)
            {
                session.Execute($"PRAGMA mmap_size = {BulkMapBytes}");
            }

            session.CacheRecords(bulkLoad ? BulkRecordCacheCapacity : RecordCacheCapacity);
        }

        return session;
    }
}
