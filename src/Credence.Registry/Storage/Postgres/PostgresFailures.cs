using System.Net.Sockets;
using Npgsql;

namespace Credence.Registry.Storage.Postgres;

/// <summary>
/// Tells a lost server (the connection refused, cut or timed out; the server shutting down or out of
/// connections) from every other failure, and says it as <see cref="StoreUnavailableException"/>, the
/// one failure of a store the layers above know: the HTTP API answers it 503 <c>store-unavailable</c>.
/// </summary>
/// <remarks>
/// Implementation note: only the connection's failures are translated. A server's refusal of a
/// statement (a constraint, a serialization failure, a bug in a query) is not an outage and stays what
/// it is, so it is never hidden behind "retry later". A ledger failure caused by a lost connection is
/// an outage of the store too, and says so (rather than <c>ledger-unavailable</c>): the client's remedy
/// is the same and the operator's cause is the database.
/// </remarks>
internal static class PostgresFailures
{
    /// <summary>True when <paramref name="exception"/>, or one it wraps, is a lost connection to the server.</summary>
    public static bool IsConnectionLoss(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException:
                    return true;
                case PostgresException server:
                    // Class 08: connection exceptions; 57P01-57P03: the server shutting down or not yet up; 53300: no connection slot.
                    return server.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || server.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or EndOfStreamException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The store-level failure for a lost connection, its text scrubbed of the connection string's password.</summary>
    public static StoreUnavailableException Unavailable(Exception exception, string connectionString)
    {
        if (exception is StoreUnavailableException unavailable)
        {
            return unavailable;
        }

        var cause = exception;
        while (cause.InnerException is { } inner && cause is not NpgsqlException)
        {
            cause = inner;
        }

        return new StoreUnavailableException(
            PostgresConnectionText.Scrub($"the PostgreSQL store at {PostgresConnectionText.Redact(connectionString)} does not answer: {cause.Message}", connectionString),
            exception);
    }
}
