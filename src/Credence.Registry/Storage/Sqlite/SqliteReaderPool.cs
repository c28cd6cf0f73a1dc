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
        try
        {
            return query(session);
        }
        finally
        {
            Return(session);
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
