using System.Text;
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
/// Text is encoded to UTF-8 into a buffer the statement reuses and bound with its length (SQLite
/// copies it), the same bytes <see cref="Encoding.UTF8"/> gives: a value binds exactly as the ledger
/// digests it, embedded NULs included.
/// </remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private byte[] utf8 = new byte[256];

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
        if (value is null)
        {
            return BindNull(index);
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > utf8.Length)
        {
            utf8 = new byte[Math.Max(most, utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, utf8);
        Check(raw.sqlite3_bind_text(statement, index, utf8.AsSpan(0, length)));
        return this;
    }

    public RawStatement Bind(int index, ReadOnlySpan<byte> value)
    {
        Check(value.IsEmpty ? raw.sqlite3_bind_zeroblob(statement, index, 0) : raw.sqlite3_bind_blob(statement, index, value));
        return this;
    }

    /// <summary>Binds a column value as SQLite returns it: null, <see cref="long"/>, <see cref="string"/> or a blob.</summary>
    public RawStatement Bind(int index, object? value) => value switch
    {
        null => BindNull(index),
        long number => Bind(index, number),
        string text => Bind(index, text),
        byte[] blob => Bind(index, blob.AsSpan()),
        _ => throw new ArgumentException($"a column value of type {value.GetType().Name} has no SQLite storage class", nameof(value)),
    };

    /// <summary>Binds <paramref name="values"/> to parameters 1, 2, … in order.</summary>
    public RawStatement BindAll(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            Bind(i + 1, values[i]);
        }

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

    /// <summary>A text column's UTF-8 bytes, without a copy: valid until the statement steps or is reset.</summary>
    public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);

    public byte[] Blob(int column) => raw.sqlite3_column_blob(statement, column).ToArray();

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
