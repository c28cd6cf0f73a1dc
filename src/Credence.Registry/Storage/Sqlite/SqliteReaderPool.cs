using System.Collections.Concurrent;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>Read connections with their prepared commands, reused across requests.</summary>
internal sealed class SqliteReaderPool(Func<SqliteSession> open, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<SqliteSession> idle = [];
    private int idleCount;
    private bool disposed;

    public T Read<T>(Func<IRegistryReader, T> query)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var session = Rent();
        var reusable = false;
        try
        {
            // Implementation note: one deferred read transaction per call, so every query of a
            // use case (a file, its disputes, its repairs, its consent...) sees one snapshot; in
            // autocommit each statement would start its own and could see commits made in between.
            // Measured: no cost against autocommit with prepared BEGIN and COMMIT. A connection
            // whose query or commit failed is closed rather than reused, so none is left mid-transaction.
            session.BeginRead();
            T result;
            try
            {
                result = query(session);
            }
            finally
            {
                session.EndRead();
            }

            reusable = true;
            return result;
        }
        finally
        {
            if (reusable)
            {
                Return(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private SqliteSession Rent()
    {
        if (idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref idleCount);
            return session;
        }

        return open();
    }

    private void Return(SqliteSession session)
    {
        if (disposed || Interlocked.Increment(ref idleCount) > maxIdle)
        {
            Interlocked.Decrement(ref idleCount);
            session.Dispose();
            return;
        }

        idle.Add(session);
    }
}
