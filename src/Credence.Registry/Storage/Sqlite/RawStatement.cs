using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// A statement prepared once on a connection and run through SQLite's own API: bind by position,
/// step, read columns, reset. Used for the statements every record and decision runs.
/// </summary>
/// <remarks>
/// Parameters are bound by position: number them in the SQL in the order they first appear.
/// Implementation note: going around the ADO.NET layer removes a data-reader allocation, parameter
/// look-ups by name and type inference from each execution, which is most of the cost of a small
/// statement. It runs on the same connection, so it joins the transaction the session has open.
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;

    public RawStatement(sqlite3 db, string sql)
    {
        this.db = db;
        Check(raw.sqlite3_prepare_v3(db, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement));
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, long? value) => value is { } v ? Bind(index, v) : BindNull(index);

    public RawStatement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(statement, index) : raw.sqlite3_bind_text(statement, index, value));
        return this;
    }

    public RawStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(statement, index));
        return this;
    }

    /// <summary>Steps once: true when a row is ready to read.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        Reset();
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    /// <summary>Runs a statement that returns no rows; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            Step();
            return raw.sqlite3_changes(db);
        }
        finally
        {
            Reset();
        }
    }

    public void Reset()
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

    public int Int32(int column) => raw.sqlite3_column_int(statement, column);

    public string Text(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

    public string? MaybeText(int column) => IsNull(column) ? null : Text(column);

    public DateTimeOffset Instant(int column) => new(Int64(column), TimeSpan.Zero);

    public DateTimeOffset? MaybeInstant(int column) => IsNull(column) ? null : Instant(column);

    public void Dispose() => statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
