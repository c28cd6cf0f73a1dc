using Microsoft.Data.Sqlite;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// A registry database opened only to be read (the audit): read-only connections, no migration, no
/// writer, so reading never changes what is read. Anything SQLite cannot read is reported as
/// <see cref="InvalidDataException"/>, so its exceptions stay in this folder.
/// </summary>
internal sealed class SqliteReadOnlyStore : IRegistryStore
{
    private readonly SqliteReaderPool readers;

    private SqliteReadOnlyStore(string path)
    {
        readers = new SqliteReaderPool(() => OpenSession(path), 4);
    }

    public int SchemaVersion => Read(r => ((SqliteSession)r).AppliedSchemaVersion());

    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static SqliteReadOnlyStore Open(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? new SqliteReadOnlyStore(full) : throw new FileNotFoundException($"{path}: file not found", full);
    }

    public Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        Task.FromException<T>(new NotSupportedException("this registry store was opened only to be read"));

    public Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default)
    {
        // As the read-write store's: SQLite is synchronous, so the query runs on the caller's thread.
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(Read(query));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private T Read<T>(Func<IRegistryReader, T> query)
    {
        try
        {
            return readers.Read(query);
        }
        catch (SqliteException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        readers.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SqliteSession OpenSession(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            var session = new SqliteSession(connection);
            session.Execute("PRAGMA busy_timeout = 10000");
            return session;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new InvalidDataException(ex.Message, ex);
        }
    }
}
