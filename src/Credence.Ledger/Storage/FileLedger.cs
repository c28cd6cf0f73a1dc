using System.Threading.Channels;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Tree;

namespace Credence.Ledger.Storage;

/// <summary>
/// A durable ledger in one directory: the entry log, its index, and the Merkle tree's node file.
/// Appends are acknowledged only after fsync, and concurrent appends share one group commit.
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: files in the directory are <c>ledger.format</c> (a version marker),
/// <c>entries.dat</c> (length-prefixed records), <c>entries.idx</c> (end offset of each record) and
/// <c>nodes.dat</c> (a <see cref="FileNodeStore"/>). Memory use does not grow with the ledger: only the
/// tree's right edge and the current batch are held. All files are opened exclusively, so one process
/// owns a ledger at a time.
/// </para>
/// <para>
/// Implementation note: on open, <see cref="LedgerRecovery"/> cuts a torn tail back to the last entry
/// whose record, index slot and hashes are all present (see <see cref="Recovery"/>).
/// </para>
/// </remarks>
public sealed partial class FileLedger : ILedgerStore, IAsyncDisposable
{
    /// <summary>Name of the node file inside the ledger directory.</summary>
    public const string NodesFileName = "nodes.dat";

    private const string FormatFileName = "ledger.format";
    private const string FormatText = "credence-ledger 1\n";

    private readonly EntryFiles _files;
    private readonly FileNodeStore _nodes;
    private readonly MerkleLog _log;
    private readonly ProofBuilder _proofs;
    private readonly Channel<PendingAppend> _queue;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _writer;
    private TreeHead _head;
    private int _disposed;

    private FileLedger(string directory, EntryFiles files, FileNodeStore nodes, LedgerRecoveryReport recovery)
    {
        Directory = directory;
        Recovery = recovery;
        _files = files;
        _nodes = nodes;
        _log = new MerkleLog(nodes);
        _proofs = new ProofBuilder(nodes);
        _head = _log.Head;
        _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
        _writer = Task.Factory.StartNew(RunWriter, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The ledger directory.</summary>
    public string Directory { get; }

    /// <summary>What opening found and repaired.</summary>
    public LedgerRecoveryReport Recovery { get; }

    /// <inheritdoc />
    public TreeHead Head => Volatile.Read(ref _head);

    /// <summary>Opens the ledger in <paramref name="directory"/>, creating it when the directory is new or empty.</summary>
    /// <exception cref="LedgerCorruptedException">The files are not a ledger or contradict each other.</exception>
    /// <exception cref="IOException">Another process holds the ledger open, or the disk failed.</exception>
    public static FileLedger Open(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(directory);
        var created = EnsureFormat(directory);
        EntryFiles? files = null;
        FileNodeStore? nodes = null;
        try
        {
            files = EntryFiles.Open(directory);
            nodes = FileNodeStore.Open(Path.Combine(directory, NodesFileName));
            if (created)
            {
                DirectorySync.Flush(directory);
            }

            var recovery = LedgerRecovery.Recover(files, nodes);
            return new FileLedger(directory, files, nodes, recovery);
        }
        catch
        {
            nodes?.Dispose();
            files?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public byte[] ReadEntry(long index)
    {
        ThrowIfDisposed();
        var size = Head.Size;
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Entry {index} is not in a ledger of {size} entries.");
        }

        return _files.ReadEntry(index);
    }

    /// <inheritdoc />
    public MerkleHash RootHash(long treeSize)
    {
        ThrowIfDisposed();
        var head = Head;
        RequireSize(treeSize, head, nameof(treeSize));
        return treeSize == head.Size ? head.RootHash : _proofs.RootHash(treeSize);
    }

    /// <inheritdoc />
    public InclusionProof ProveInclusion(long leafIndex, long treeSize)
    {
        ThrowIfDisposed();
        RequireSize(treeSize, Head, nameof(treeSize));
        return _proofs.InclusionProof(leafIndex, treeSize);
    }

    /// <inheritdoc />
    public ConsistencyProof ProveConsistency(long oldSize, long newSize)
    {
        ThrowIfDisposed();
        RequireSize(newSize, Head, nameof(newSize));
        return _proofs.ConsistencyProof(oldSize, newSize);
    }

    /// <summary>
    /// Stops accepting appends, finishes every append already queued (none is dropped), then closes the files.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _writer.GetAwaiter().GetResult();
        _gate.Wait();
        CloseFiles();
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        CloseFiles();
    }

    private void CloseFiles()
    {
        _indexSync.Dispose();
        _nodeSync.Dispose();
        _nodes.Dispose();
        _files.Dispose();
        _gate.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private static void RequireSize(long treeSize, TreeHead head, string name)
    {
        if (treeSize < 0 || treeSize > head.Size)
        {
            throw new ArgumentOutOfRangeException(name, $"Tree size {treeSize} is not between 0 and the ledger's {head.Size}.");
        }
    }

    /// <summary>Checks or writes the format marker; true when the ledger is new.</summary>
    private static bool EnsureFormat(string directory)
    {
        var path = Path.Combine(directory, FormatFileName);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path);
            return text == FormatText
                ? false
                : throw new LedgerCorruptedException($"{path} says '{text.Trim()}', expected '{FormatText.Trim()}'.");
        }

        if (File.Exists(Path.Combine(directory, EntryFiles.EntriesFileName)) || File.Exists(Path.Combine(directory, NodesFileName)))
        {
            throw new LedgerCorruptedException($"{directory} holds ledger files but no {FormatFileName}; refusing to guess their format.");
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(FormatText));
        stream.Flush(flushToDisk: true);
        return true;
    }
}
