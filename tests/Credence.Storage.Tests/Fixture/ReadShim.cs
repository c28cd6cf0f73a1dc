using Credence.Registry.Storage;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// Reads as the asynchronous contract will make them (<c>IRegistryStore.ReadAsync</c>) while main
/// still has the synchronous <c>Read</c>: removed when the asynchronous seam lands.
/// </summary>
internal static class ReadShim
{
    public static Task<T> ReadAsync<T>(this IRegistryStore store, Func<IRegistryReader, T> query, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Read(query));
    }
}
