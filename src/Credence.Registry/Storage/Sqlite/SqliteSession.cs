using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// One SQLite connection with its prepared commands: the writer's (inside its transactions) or a
/// reader's. The queries and writes live in the partial files beside this one, one per concern.
/// </summary>
/// <remarks>
/// Implementation note: each SQL text is a constant, so commands are cached by reference and
/// prepared once per connection; executing one binds values and runs the prepared statement.
/// </remarks>
internal sealed partial class SqliteSession : IRegistryWriter, IDisposable
{
    private readonly Dictionary<string, SqliteCommand> commands = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, RawStatement> statements = new(ReferenceEqualityComparer.Instance);

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    private const string DataVersionSql = "PRAGMA data_version";

    private RecordCache? recordCache;
    private long dataVersion = -1;

    /// <summary>The instant of the unit of work the writer is running (see <see cref="IRegistryWriter.Now"/>); set by <see cref="SqliteWriter"/>.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>What the units of the open transaction left for later (run by the writer, see <see cref="GroupCommitWriter{TSession}"/>).</summary>
    public DeferredWork Later { get; } = new();

    public T Deferred<T>()
        where T : class, IGroupWork, new() => Later.Of<T>();

    /// <summary>The open transaction the commands must join, if any.</summary>
    public SqliteTransaction? Transaction { get; set; }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        commands.Clear();
        foreach (var statement in statements.Values)
        {
            statement.Dispose();
        }

        statements.Clear();
        Connection.Dispose();

        // The cache may hold a whole city's versions (a bulk load): a closed session keeps none.
        recordCache = null;
        stamps = null;
    }

    /// <summary>
    /// Keeps the records of recently re-scored subjects in memory (the writer's session only: it is
    /// the one connection through which records are inserted, so its cache cannot go stale).
    /// </summary>
    public void CacheRecords(int capacity)
    {
        recordCache = new RecordCache(capacity);
        stamps = new SubjectStamps(StampCapacity);
    }

    /// <summary>Subjects whose file changes the writer remembers at most (<see cref="SubjectStamps"/>).</summary>
    private const int StampCapacity = 200_000;

    /// <summary>The writer's memory of when subjects' files changed (null on read connections).</summary>
    private SubjectStamps? stamps;

    /// <inheritdoc />
    public FileStamp FileStamp => stamps?.Now ?? default;

    /// <inheritdoc />
    /// <remarks>Another connection's commits mark every file (<see cref="Began"/>), so no subject's commitment is ever asked for here.</remarks>
    public bool FileUnchangedSince(Core.Identifiers.SubjectId subject, FileStamp stamp) =>
        stamps is { } s && s.Unchanged(subject.Value, static _ => [], stamp);

    /// <summary>The latest instant any writer gave a unit of this database (migration 0009), read in the writer's transaction.</summary>
    public DateTimeOffset WriterClock() => new(Scalar("SELECT at FROM writer_clock WHERE id = 1"), TimeSpan.Zero);

    /// <summary>Raises the stored writer clock to <paramref name="at"/> (never lowers it); written with the transaction's rows.</summary>
    public void RaiseWriterClock(DateTimeOffset at) => NonQuery("UPDATE writer_clock SET at = $a WHERE id = 1 AND at < $a", at.UtcTicks);

    /// <summary>Forgets what the cache learned since the last commit; called when a transaction rolls back.</summary>
    public void RolledBack()
    {
        recordCache?.Clear();
        stamps?.ChangedAll();
    }

    /// <summary>
    /// Called first in each of the writer's transactions: when another connection (another process,
    /// such as an import run against the same file) committed since the last one, the cache is
    /// forgotten, since records may have entered without passing through it.
    /// </summary>
    /// <remarks>
    /// Implementation note: SQLite's <c>data_version</c> changes exactly when another connection
    /// commits; as the transaction's first read it also fixes the snapshot the transaction sees.
    /// </remarks>
    public void Began()
    {
        if (recordCache is null && Appender is null)
        {
            return;
        }

        var s = Raw(DataVersionSql);
        long version;
        try
        {
            s.Step();
            version = s.Int64(0);
        }
        finally
        {
            s.Reset();
        }

        if (version != dataVersion)
        {
            // Another connection committed: its records bypassed the cache and its ledger entries
            // grew the tree, so both are read afresh from the committed state.
            recordCache?.Clear();
            stamps?.ChangedAll();
            Appender?.Reload(this);
            dataVersion = version;
        }
    }

    /// <summary>The highest schema migration applied to this database (0 before any).</summary>
    public int AppliedSchemaVersion() =>
        Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'") == 0 ? 0 : (int)Scalar("SELECT MAX(version) FROM schema_migrations");

    /// <summary>Starts a deferred read transaction with a prepared statement (a reader's snapshot for one use case).</summary>
    public void BeginRead() => Raw("BEGIN DEFERRED").Execute();

    /// <summary>Ends the read transaction <see cref="BeginRead"/> started.</summary>
    public void EndRead() => Raw("COMMIT").Execute();

    /// <summary>Runs a statement that is not cached (pragmas, transaction control).</summary>
    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params object?[] values)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + (char)('a' + i), null));
            }

            commands.Add(sql, command);
        }

        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>A statement prepared on this connection and kept for reuse (for the hot statements).</summary>
    private RawStatement Raw(string sql)
    {
        if (!statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(Connection.Handle!, sql);
            statements.Add(sql, statement);
        }

        return statement;
    }

    private long Scalar(string sql, params object?[] values) =>
        Command(sql, values).ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    private int NonQuery(string sql, params object?[] values) => Command(sql, values).ExecuteNonQuery();

    private List<T> Rows<T>(Func<SqliteDataReader, T> map, string sql, params object?[] values)
    {
        using var reader = Command(sql, values).ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private T? Row<T>(Func<SqliteDataReader, T> map, string sql, params object?[] values)
        where T : class
    {
        using var reader = Command(sql, values).ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    private static DateTimeOffset Instant(SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static DateTimeOffset? MaybeInstant(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static string? MaybeText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? Ticks(DateTimeOffset? instant) => instant?.UtcTicks;

    private static string Join(IEnumerable<string> words) => string.Join(' ', words);

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Split(' ');
}
