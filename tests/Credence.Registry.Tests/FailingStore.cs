using System.Reflection;
using Credence.Registry.Storage;

namespace Credence.Registry.Tests;

/// <summary>A store whose writer throws an I/O error after a number of record inserts: a crash in the middle of a batch.</summary>
internal sealed class FailingStore(IRegistryStore inner, int failAfterInserts) : IRegistryStore
{
    public Task<T> WriteAsync<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(w => work(FailingWriter.Wrap(w, failAfterInserts)), cancellationToken);

    public Task<T> ReadAsync<T>(Func<IRegistryReader, T> query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

    public int SchemaVersion => inner.SchemaVersion;

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>Forwards every call to the real writer, and throws on the insert after the allowed ones.</summary>
#pragma warning disable CA1852 // DispatchProxy needs a non-sealed proxy type.
internal class FailingWriter : DispatchProxy
#pragma warning restore CA1852
{
    private IRegistryWriter inner = null!;
    private int remaining;

    public static IRegistryWriter Wrap(IRegistryWriter inner, int failAfterInserts)
    {
        var proxy = Create<IRegistryWriter, FailingWriter>();
        var self = (FailingWriter)(object)proxy;
        self.inner = inner;
        self.remaining = failAfterInserts;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IRegistryWriter.TryInsertRecord) && remaining-- <= 0)
        {
            throw new IOException("disk failed in the middle of a batch");
        }

        // The bulk insert stores the allowed ones, then fails on the next, as one-by-one inserts would.
        if (targetMethod.Name == nameof(IRegistryWriter.TryInsertRecords) && args![0] is IReadOnlyList<Core.Records.Record> records)
        {
            if (records.Count > remaining)
            {
                inner.TryInsertRecords([.. records.Take(Math.Max(remaining, 0))]);
                remaining = 0;
                throw new IOException("disk failed in the middle of a batch");
            }

            remaining -= records.Count;
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
