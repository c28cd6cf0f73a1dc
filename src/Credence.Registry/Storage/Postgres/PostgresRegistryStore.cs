using System.Data;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// The production store: a PostgreSQL database, its schema migrated at open, one writer with group
/// commit and reads on pooled connections, each in a snapshot of its own.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: the same contract as the SQLite store, kept the same way (see
/// <see cref="PostgresWriter"/>): units of work run in the order they were queued, each with the
/// instant it was ordered at, many to a durable commit; a failing unit rolls back its group and the
/// others run again alone. Instants are bigint UTC ticks, as in the SQLite schema, so both stores
/// compare, page and hash the very same values. No Npgsql type leaves this folder.
/// </para>
/// <para>
/// Implementation note: a read runs in a REPEATABLE READ transaction, so every query of one use case
/// sees one snapshot (a file, its disputes, its repairs...), and it sees every write whose task has
/// completed, since a task completes only after its commit returned. Npgsql sends the BEGIN with
/// the first query, so the snapshot costs no round trip.
/// </para>
/// </remarks>
public sealed class PostgresRegistryStore : IRegistryStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresWriter writer;
    private readonly string connectionString;
    private int disposed;

    private PostgresRegistryStore(NpgsqlDataSource dataSource, string connectionString, IReadOnlyList<int> applied, TimeProvider clock, Ledger.LedgerBatching batching, bool bulkLoad)
    {
        this.dataSource = dataSource;
        this.connectionString = connectionString;
        AppliedMigrations = applied;
        writer = new PostgresWriter(dataSource, clock, batching, Lost, bulkLoad);
    }

    /// <summary>The migrations applied when this store opened (empty when the schema was current).</summary>
    public IReadOnlyList<int> AppliedMigrations { get; }

    /// <summary>The schema version this program brings a database to.</summary>
    public static int SchemaVersion => PostgresMigrations.Latest;

    int IRegistryStore.SchemaVersion => SchemaVersion;

    /// <summary>Transactions the writer committed since open.</summary>
    public long Commits => writer.Commits;

    /// <summary>Where this store is, fit to show: the connection string without its password.</summary>
    public string Description => PostgresConnectionText.Redact(connectionString);

    /// <summary>The connection string with its password replaced by <c>***</c> (unparsable ones are not shown at all).</summary>
    public static string Redact(string? connectionString) => PostgresConnectionText.Redact(connectionString);

    /// <summary>The name of the database a connection string names (the user's name when it names none, as the server does).</summary>
    public static string DatabaseName(string connectionString)
    {
        var settings = PostgresConnectionText.Parse(connectionString);
        return settings.Database is { Length: > 0 } database ? database : settings.Username is { Length: > 0 } user ? user : "postgres";
    }

    /// <summary>Opens the database <paramref name="connectionString"/> names and brings its schema up to date.</summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refuses, or the schema is newer than this program.</exception>
    /// <param name="batching">How ledger appends are batched into transactions (size and interval, as on SQLite); <see cref="Ledger.LedgerBatching.Default"/> when null.</param>
    /// <param name="bulkLoad">A registry built in bulk (<see cref="StoreChoice.BulkLoad"/>): the writer keeps more record versions in memory.</param>
    public static PostgresRegistryStore Open(string connectionString, TimeProvider clock, Ledger.LedgerBatching? batching = null, bool bulkLoad = false)
    {
        batching = (batching ?? Ledger.LedgerBatching.Default).Checked();
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(clock);
        var dataSource = DataSource(connectionString);
        try
        {
            IReadOnlyList<int> applied;
            using (var connection = OpenConnection(dataSource, connectionString))
            {
                applied = Migrate(connection, connectionString, clock);
            }

            return new PostgresRegistryStore(dataSource, connectionString, applied, clock, batching, bulkLoad);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the migrations the database has not seen and returns the schema version after them and the
    /// versions applied now (what <c>credence db migrate</c> does, with no store left open).
    /// </summary>
    /// <exception cref="StoreUnavailableException">The server cannot be reached or refuses, or the schema is newer than this program.</exception>
    public static async Task<(int Version, IReadOnlyList<int> Applied)> MigrateAsync(string connectionString, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(clock);
        await using var dataSource = DataSource(connectionString);
        return await Task.Run(
            () =>
            {
                using var connection = OpenConnection(dataSource, connectionString);
                var applied = Migrate(connection, connectionString, clock);
                return (PostgresMigrations.Current(connection), applied);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken);

    public Task<T> WriteAsync<T>(Core.Identifiers.SubjectId reads, Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken, reads);

    public Task<T> WriteHoldingAsync<T>(Core.Identifiers.SubjectId holds, Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken, holds, holds: true);

    public Task<T> WriteDeferringAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        writer.Enqueue(work, cancellationToken, defers: true);

    /// <remarks>
    /// Implementation note: the connection is taken from the pool and the snapshot begun and ended
    /// asynchronously; the query itself is a synchronous function of the reader (the contract's), so its
    /// statements run on the calling thread, each a round trip, inside that snapshot.
    /// </remarks>
    public async Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            var result = query(new PostgresSession(connection) { Transaction = transaction });
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && PostgresFailures.IsConnectionLoss(ex))
        {
            throw Lost(ex);
        }
    }

    /// <summary>
    /// The failure of a lost connection; every idle pooled connection is dropped with it, since the
    /// outage broke them all, so the first requests after the server is back do not each find a dead one.
    /// </summary>
    private StoreUnavailableException Lost(Exception ex)
    {
        if (Volatile.Read(ref disposed) == 0)
        {
            dataSource.Clear();
        }

        return PostgresFailures.Unavailable(ex, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await writer.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The most pooled connections a store holds unless its connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 32;

    /// <summary>
    /// The pool for a connection string: statements a connection runs twice are prepared on it, at
    /// most <see cref="DefaultMaxPoolSize"/> connections are open (readers wait for one beyond that,
    /// rather than exhaust the server's <c>max_connections</c>, 100 by default, which other nodes and
    /// tools share), the application name says who is connected, and the server compiles no query
    /// (<c>jit=off</c>); the string overrides each.
    /// </summary>
    /// <remarks>
    /// Implementation note: the registry's statements are short and many, but the planner costs a
    /// read-ahead of thousands of subjects above <c>jit_above_cost</c>, and compiling it took 10 to
    /// 40 ms of the server's CPU, more than reading the rows, at every intake batch.
    /// </remarks>
    private static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(PostgresConnectionText.Parse(connectionString).ConnectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 128;
            settings.AutoPrepareMinUsages = 2;
        }

        if (!Names(connectionString, "Maximum Pool Size", "MaxPoolSize", "Max Pool Size"))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (settings.Options is null || !settings.Options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? "-c jit=off" : settings.Options + " -c jit=off";
        }

        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "credence";
        }

        return builder.Build();
    }

    /// <summary>True when the connection string itself sets one of these keywords (Npgsql's builder reports its defaults as set).</summary>
    private static bool Names(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
    }

    private static NpgsqlConnection OpenConnection(NpgsqlDataSource dataSource, string connectionString)
    {
        try
        {
            return dataSource.OpenConnection();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw Unavailable("cannot connect to", ex, connectionString);
        }
    }

    private static IReadOnlyList<int> Migrate(NpgsqlConnection connection, string connectionString, TimeProvider clock)
    {
        try
        {
            return PostgresMigrations.Apply(connection, clock.GetUtcNow());
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("cannot migrate", ex, connectionString);
        }
    }

    private static StoreUnavailableException Unavailable(string what, Exception ex, string connectionString) =>
        new(PostgresConnectionText.Scrub($"{what} the PostgreSQL store at {PostgresConnectionText.Redact(connectionString)}: {ex.Message}", connectionString), ex);
}
