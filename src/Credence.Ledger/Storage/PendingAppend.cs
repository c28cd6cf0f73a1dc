namespace Credence.Ledger.Storage;

/// <summary>One queued append: the entry, its leaf hash (computed by the caller) and the caller's completion.</summary>
/// <remarks>
/// Implementation note: continuations run asynchronously so that completing a batch never runs callers'
/// code on the single writer loop.
/// </remarks>
internal sealed class PendingAppend(ReadOnlyMemory<byte> entry, byte[] leafHash, CancellationToken cancellationToken)
    : TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ReadOnlyMemory<byte> Entry { get; } = entry;

    public byte[] LeafHash { get; } = leafHash;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
