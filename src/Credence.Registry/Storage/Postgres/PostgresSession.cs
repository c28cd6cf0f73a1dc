using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// One PostgreSQL connection (the writer's, inside its transactions, or a pooled reader's inside a
/// read-only snapshot) answering the registry's queries and making its writes. The queries and
/// writes live in the partial files beside this one, one per concern, in the order of the SQLite
/// store's, so that the two read alike.
/// </summary>
/// <remarks>
/// Implementation note: parameters are positional (<c>$1</c>, <c>$2</c>…) and every SQL text is a
/// constant; the data source auto-prepares the statements a connection runs repeatedly, so the hot
/// inserts and probes are parsed and planned once per physical connection.
/// </remarks>
internal sealed partial class PostgresSession : IRegistryWriter
{
    public PostgresSession(NpgsqlConnection connection)
    {
        Connection = connection;
    }

    public NpgsqlConnection Connection { get; }

    /// <summary>What the units of the open transaction left for later (run by the writer, see <see cref="GroupCommitWriter{TSession}"/>).</summary>
    public DeferredWork Later { get; } = new();

    public T Deferred<T>()
        where T : class, IGroupWork, new() => Later.Of<T>();

    /// <summary>The open transaction the commands join, if any.</summary>
    public NpgsqlTransaction? Transaction { get; set; }

    /// <summary>The instant of the unit of work the writer is running (see <see cref="IRegistryWriter.Now"/>); set by <see cref="PostgresWriter"/>.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Runs a statement that takes no parameters (transaction control, settings).</summary>
    public void Execute(string sql)
    {
        if (NeedsStates(sql))
        {
            FlushStates();
        }

        if (NeedsDecisions(sql))
        {
            FlushDecisions();
        }

        using var command = new NpgsqlCommand(sql, Connection, Transaction);
        command.ExecuteNonQuery();
    }

    private NpgsqlCommand Command(string sql, object?[] values)
    {
        if (NeedsStates(sql))
        {
            FlushStates();
        }

        if (NeedsDecisions(sql))
        {
            FlushDecisions();
        }

        var command = new NpgsqlCommand(sql, Connection, Transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    /// <summary>
    /// A positional parameter. A null is sent typed as its column's neighbours would be guessed
    /// wrongly otherwise; <see cref="Null"/> names the type where a bare null could be ambiguous.
    /// </summary>
    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value },
        Null typed => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = typed.Type },
        _ => new NpgsqlParameter { Value = value },
    };

    private long Scalar(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private long? MaybeScalar(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private int NonQuery(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return command.ExecuteNonQuery();
    }

    private List<T> Rows<T>(Func<NpgsqlDataReader, T> map, string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private T? Row<T>(Func<NpgsqlDataReader, T> map, string sql, params object?[] values)
        where T : class
    {
        using var command = Command(sql, values);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    private static DateTimeOffset Instant(NpgsqlDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static DateTimeOffset? MaybeInstant(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static DateTimeOffset? MaybeInstant(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    private static string? MaybeText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? MaybeInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static string[] Words(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);

    private static object Ticks(DateTimeOffset? instant) => instant is { } i ? i.UtcTicks : Null.BigInt;

    private static object Int(int? value) => value is { } v ? v : Null.Integer;

    private static object Text(string? value) => value is { } v ? v : Null.Text;

    /// <summary>A null of a named type, for parameters whose type the server cannot infer from a bare null.</summary>
    private sealed record Null(NpgsqlTypes.NpgsqlDbType Type)
    {
        public static readonly Null BigInt = new(NpgsqlTypes.NpgsqlDbType.Bigint);
        public static readonly Null Integer = new(NpgsqlTypes.NpgsqlDbType.Integer);
        public static readonly Null Text = new(NpgsqlTypes.NpgsqlDbType.Text);
    }
}
