using System.Buffers.Binary;
using Credence.Ledger.Hashing;

namespace Credence.Ledger.Storage;

/// <summary>The append side of <see cref="FileLedger"/>: group commit, fail-closed error handling.</summary>
/// <remarks>
/// <para>
/// Implementation note (group commit): <see cref="AppendAsync"/> hashes the entry on the caller's
/// thread and queues it on a channel. A single writer loop takes everything queued (up to a batch
/// limit), writes the records, index slots and tree nodes with one positional write per file, fsyncs
/// the three files once (in parallel), and only then completes the batch's tasks. While one commit syncs, the next
/// batch gathers, so the number of fsyncs falls as concurrency rises. <see cref="AppendBatch"/> commits
/// a caller's batch directly under the same gate.
/// </para>
/// <para>
/// Implementation note (fail-closed): if a write or sync throws, every append of that batch fails with
/// <see cref="LedgerWriteException"/>, the files are cut back to the last commit (best effort), and all
/// later appends are refused until the ledger is reopened. An append that failed may still be found
/// after reopening if its bytes reached the disk before the failure; entries should therefore carry
/// their own idempotency keys.
/// </para>
/// <para>
/// Implementation note (cancellation): the token is honoured until the writer takes the entry into a
/// commit; a cancelled task always means the entry was not written, and an entry that was written
/// always gets its index.
/// </para>
/// </remarks>
public sealed partial class FileLedger
{
    private const int MaxBatchEntries = 16_384;
    private const long MaxBatchBytes = 64L << 20;
    private const long MaxCallerBatchBytes = 1L << 30;

    private readonly SyncWorker _indexSync = new("credence-ledger index fsync");
    private readonly SyncWorker _nodeSync = new("credence-ledger node fsync");
    private byte[] _records = [];
    private byte[] _ends = [];
    private Exception? _fault;
    private long _entryCount;
    private long _commitCount;
    private long _fsyncCount;

    /// <summary>Counters since the ledger was opened.</summary>
    public LedgerStatistics Statistics =>
        new(Interlocked.Read(ref _entryCount), Interlocked.Read(ref _commitCount), Interlocked.Read(ref _fsyncCount));

    /// <summary>Called between the writes and the fsyncs of a commit; a test seam to inject failures.</summary>
    internal Action? BeforeSync { get; set; }

    /// <inheritdoc />
    /// <remarks>The entry's memory must stay unchanged until the task completes.</remarks>
    /// <exception cref="ArgumentException">The entry is empty or too large (thrown at once).</exception>
    /// <exception cref="ObjectDisposedException">The ledger is disposed (thrown at once).</exception>
    public Task<long> AppendAsync(ReadOnlyMemory<byte> entry, CancellationToken cancellationToken = default)
    {
        LedgerLimits.RequireValidEntry(entry.Span, nameof(entry));
        ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<long>(cancellationToken);
        }

        if (Volatile.Read(ref _fault) is { } fault)
        {
            return Task.FromException<long>(Refused(fault));
        }

        var leaf = new byte[MerkleHash.Length];
        MerkleHasher.LeafHash(entry.Span, leaf);
        var pending = new PendingAppend(entry, leaf, cancellationToken);
        return _queue.Writer.TryWrite(pending) ? pending.Task : throw new ObjectDisposedException(nameof(FileLedger));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The list is empty, holds an invalid entry, or exceeds 1 GiB.</exception>
    /// <exception cref="LedgerWriteException">The commit failed, or an earlier one did.</exception>
    public long AppendBatch(IReadOnlyList<ReadOnlyMemory<byte>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one entry.", nameof(entries));
        }

        long bytes = 0;
        foreach (var entry in entries)
        {
            LedgerLimits.RequireValidEntry(entry.Span, nameof(entries));
            bytes += EntryFiles.RecordLength(entry.Length);
        }

        if (bytes > MaxCallerBatchBytes)
        {
            throw new ArgumentException("A batch is at most 1 GiB; split it.", nameof(entries));
        }

        var leaves = new byte[entries.Count * MerkleHash.Length];
        for (var i = 0; i < entries.Count; i++)
        {
            MerkleHasher.LeafHash(entries[i].Span, leaves.AsSpan(i * MerkleHash.Length));
        }

        ThrowIfDisposed();
        _gate.Wait();
        try
        {
            ThrowIfDisposed();
            if (_fault is { } fault)
            {
                throw Refused(fault);
            }

            try
            {
                return Commit(entries, leaves);
            }
            catch (Exception ex)
            {
                throw Fail(ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The single writer: runs on its own thread, because each commit blocks in fsync.</summary>
    private void RunWriter()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(MaxBatchEntries);
        while (WaitForWork(reader))
        {
            long bytes = 0;
            while (batch.Count < MaxBatchEntries && bytes < MaxBatchBytes && reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
                bytes += EntryFiles.RecordLength(pending.Entry.Length);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            _gate.Wait();
            try
            {
                CommitQueued(batch);
            }
            finally
            {
                _gate.Release();
                batch.Clear();
            }
        }
    }

    private static bool WaitForWork(System.Threading.Channels.ChannelReader<PendingAppend> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void CommitQueued(List<PendingAppend> batch)
    {
        if (_fault is { } fault)
        {
            foreach (var pending in batch)
            {
                pending.TrySetException(Refused(fault));
            }

            return;
        }

        long first;
        try
        {
            var entries = new ReadOnlyMemory<byte>[batch.Count];
            var leaves = new byte[batch.Count * MerkleHash.Length];
            for (var i = 0; i < batch.Count; i++)
            {
                entries[i] = batch[i].Entry;
                batch[i].LeafHash.CopyTo(leaves, i * MerkleHash.Length);
            }

            first = Commit(entries, leaves);
        }
        catch (Exception ex)
        {
            var failure = Fail(ex);
            foreach (var pending in batch)
            {
                pending.TrySetException(failure);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].TrySetResult(first + i);
        }
    }

    /// <summary>Writes one batch to all three files, fsyncs them, then publishes the new head. Caller holds the gate.</summary>
    private long Commit(IReadOnlyList<ReadOnlyMemory<byte>> entries, ReadOnlySpan<byte> leafHashes)
    {
        var count = entries.Count;
        long recordBytes = 0;
        for (var i = 0; i < count; i++)
        {
            recordBytes += EntryFiles.RecordLength(entries[i].Length);
        }

        EnsureCapacity(ref _records, recordBytes);
        EnsureCapacity(ref _ends, (long)count * sizeof(long));
        var offset = 0;
        var end = _files.EntriesLength;
        for (var i = 0; i < count; i++)
        {
            offset += EntryFiles.EncodeRecord(entries[i].Span, _records.AsSpan(offset));
            end += EntryFiles.RecordLength(entries[i].Length);
            BinaryPrimitives.WriteInt64LittleEndian(_ends.AsSpan(i * sizeof(long)), end);
        }

        _files.Append(_records.AsSpan(0, offset), _ends.AsSpan(0, count * sizeof(long)));
        var first = _log.AppendLeafHashes(leafHashes);
        BeforeSync?.Invoke();
        SyncAll();
        const int fsyncs = 3;

        Volatile.Write(ref _head, _log.Head);
        Interlocked.Add(ref _entryCount, count);
        Interlocked.Increment(ref _commitCount);
        Interlocked.Add(ref _fsyncCount, fsyncs);
        return first;
    }

    /// <summary>fsyncs the entry log here and the index and node file on the sync workers, all at once.</summary>
    private void SyncAll()
    {
        _indexSync.Begin(_files.SyncIndex);
        _nodeSync.Begin(_nodes.Flush);
        Exception? failure = null;
        foreach (var step in new Action[] { _files.SyncEntries, _indexSync.End, _nodeSync.End })
        {
            try
            {
                step();
            }
            catch (Exception ex)
            {
                // Keep waiting for the other workers, so no fsync is still running when the commit fails.
                failure ??= ex;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Enters the failed state, rolls the files back to the last commit if it can, and describes the failure.</summary>
    private LedgerWriteException Fail(Exception cause)
    {
        Volatile.Write(ref _fault, cause);
        try
        {
            var head = Head;
            var length = head.Size == 0 ? 0 : _files.ReadEnd(head.Size - 1);
            _files.Truncate(head.Size, length);
            _nodes.TruncateToLeaves(Math.Min(head.Size, _nodes.LeafCount));
        }
        catch (Exception)
        {
            // Best effort only: reopening recovers whatever state the files are in.
        }

        return new LedgerWriteException($"Ledger commit failed; nothing in this batch was acknowledged and the ledger refuses appends until reopened: {cause.Message}", cause);
    }

    private static LedgerWriteException Refused(Exception fault) =>
        new($"The ledger refuses appends after an earlier commit failed; reopen it: {fault.Message}", fault);

    private static void EnsureCapacity(ref byte[] buffer, long needed)
    {
        if (buffer.Length < needed)
        {
            buffer = new byte[Math.Max(needed, Math.Min(2L * buffer.Length, MaxCallerBatchBytes))];
        }
    }
}
