using System.Data;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// A registry database opened only to be read (the audit): no migration, no writer, each read in a
/// READ ONLY snapshot, so reading never changes what is read. What the server answers with an error
/// is reported as <see cref="InvalidDataException"/>, so Npgsql's exceptions stay in this folder.
/// </summary>
internal sealed class PostgresReadOnlyStore : IRegistryStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string connectionString;

    private PostgresReadOnlyStore(NpgsqlDataSource dataSource, string connectionString)
    {
        this.dataSource = dataSource;
        this.connectionString = connectionString;
    }

    public int SchemaVersion => Read(r => PostgresMigrations.Current(((PostgresSession)r).Connection));

    public Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<T>(cancellationToken) : Task.Run(() => Read(query), cancellationToken);

    /// <exception cref="StoreUnavailableException">The connection string does not parse.</exception>
    public static PostgresReadOnlyStore Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = PostgresConnectionText.Parse(connectionString);
        settings.ApplicationName ??= "credence-verify";
        settings.MaxPoolSize = 4;
        return new PostgresReadOnlyStore(NpgsqlDataSource.Create(settings.ConnectionString), connectionString);
    }

    public Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        Task.FromException<T>(new NotSupportedException("this registry store was opened only to be read"));

    private T Read<T>(Func<IRegistryReader, T> query)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
            using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
            {
                readOnly.ExecuteNonQuery();
            }

            var result = query(new PostgresSession(connection) { Transaction = transaction });
            transaction.Commit();
            return result;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidCastException)
        {
            throw new InvalidDataException(PostgresConnectionText.Scrub($"the PostgreSQL store at {PostgresConnectionText.Redact(connectionString)} cannot be read: {ex.Message}", connectionString), ex);
        }
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
