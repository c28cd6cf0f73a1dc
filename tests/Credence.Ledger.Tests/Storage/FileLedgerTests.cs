using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Storage;
using Credence.Ledger.Tests.Support;

namespace Credence.Ledger.Tests.Storage;

public sealed class FileLedgerTests
{
    [Fact]
    public async Task AppendsAreReadableAndSurviveReopening()
    {
        using var temp = new TempDirectory();
        var entries = TestEntries.Entries(40);
        await using (var ledger = FileLedger.Open(temp.Path))
        {
            Assert.Equal(0, ledger.Head.Size);
            Assert.Equal(MerkleHasher.EmptyRoot, ledger.Head.RootHash);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(i, await ledger.AppendAsync(entries[i]));
            }

            Assert.Equal(10, ledger.AppendBatch(entries[10..].Select(e => (ReadOnlyMemory<byte>)e).ToList()));
            Assert.Equal(40, ledger.Head.Size);
            Assert.Equal(ReferenceMerkle.Mth(entries), ledger.Head.RootHash.ToArray());
        }

        using var reopened = FileLedger.Open(temp.Path);
        Assert.False(reopened.Recovery.TailTruncated);
        Assert.Equal(40, reopened.Head.Size);
        Assert.Equal(ReferenceMerkle.Mth(entries), reopened.Head.RootHash.ToArray());
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(entries[i], reopened.ReadEntry(i));
        }
    }

    [Fact]
    public async Task ProofsFromTheLedgerVerify()
    {
        using var temp = new TempDirectory();
        await using var ledger = FileLedger.Open(temp.Path);
        var entries = TestEntries.Entries(33);
        ledger.AppendBatch(entries.Select(e => (ReadOnlyMemory<byte>)e).ToList());
        var proof = ledger.ProveInclusion(17, 33);
        Assert.True(ProofVerifier.VerifyInclusion(proof, MerkleHasher.LeafHash(entries[17]), ledger.Head.RootHash));
        var consistency = ledger.ProveConsistency(20, 33);
        Assert.True(ProofVerifier.VerifyConsistency(consistency, ledger.RootHash(20), ledger.RootHash(33)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ProveInclusion(0, 34));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ProveConsistency(1, 34));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.RootHash(34));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ReadEntry(33));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.ReadEntry(-1));
    }

    [Fact]
    public async Task ConcurrentAppendersGetDistinctIndicesAndEveryEntryIsStored()
    {
        using var temp = new TempDirectory();
        const int appenders = 48, perAppender = 120;
        var written = new System.Collections.Concurrent.ConcurrentDictionary<long, byte[]>();
        await using (var ledger = FileLedger.Open(temp.Path))
        {
            var tasks = Enumerable.Range(0, appenders).Select(a => Task.Run(async () =>
            {
                for (var k = 0; k < perAppender; k++)
                {
                    var entry = System.Text.Encoding.UTF8.GetBytes($"appender {a} entry {k}");
                    if (k % 10 == 9)
                    {
                        // Mix in synchronous batches from some appenders.
                        var extra = System.Text.Encoding.UTF8.GetBytes($"appender {a} batch {k}");
                        var first = ledger.AppendBatch([entry, extra]);
                        Assert.True(written.TryAdd(first, entry));
                        Assert.True(written.TryAdd(first + 1, extra));
                    }
                    else
                    {
                        Assert.True(written.TryAdd(await ledger.AppendAsync(entry), entry));
                    }
                }
            })).ToArray();
            await Task.WhenAll(tasks);

            var total = appenders * (perAppender + (perAppender / 10));
            Assert.Equal(total, ledger.Head.Size);
            Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), written.Keys.Order());
            Assert.True(ledger.Statistics.Commits >= 1);
            Assert.Equal(total, ledger.Statistics.Entries);
            Assert.Equal(3 * ledger.Statistics.Commits, ledger.Statistics.Fsyncs);
        }

        using var reopened = FileLedger.Open(temp.Path);
        var inOrder = Enumerable.Range(0, written.Count).Select(i => reopened.ReadEntry(i)).ToList();
        Assert.Equal(written.OrderBy(p => p.Key).Select(p => p.Value), inOrder);
        Assert.Equal(ReferenceRoot(inOrder), reopened.Head.RootHash);
    }

    [Fact]
    public async Task DisposingFinishesEveryQueuedAppend()
    {
        using var temp = new TempDirectory();
        Task<long>[] tasks;
        await using (var ledger = FileLedger.Open(temp.Path))
        {
            tasks = Enumerable.Range(0, 500).Select(i => ledger.AppendAsync(TestEntries.Entry(i))).ToArray();
        }

        var indices = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), indices.Order());
        using var reopened = FileLedger.Open(temp.Path);
        Assert.Equal(500, reopened.Head.Size);
        Assert.Throws<ObjectDisposedException>(() => { reopened.Dispose(); reopened.AppendAsync(new byte[] { 1 }); });
    }

    [Fact]
    public async Task InvalidEntriesAndCancelledAppendsAreRefusedAndNotWritten()
    {
        using var temp = new TempDirectory();
        await using var ledger = FileLedger.Open(temp.Path);
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(ReadOnlyMemory<byte>.Empty));
        await Assert.ThrowsAsync<ArgumentException>(() => ledger.AppendAsync(new byte[LedgerLimits.MaxEntryLength + 1]));
        Assert.Throws<ArgumentException>(() => ledger.AppendBatch([]));
        Assert.Throws<ArgumentException>(() => ledger.AppendBatch([new byte[] { 1 }, ReadOnlyMemory<byte>.Empty]));
        var large = new byte[LedgerLimits.MaxEntryLength];
        Assert.Throws<ArgumentException>(() => ledger.AppendBatch(Enumerable.Repeat<ReadOnlyMemory<byte>>(large, 65).ToList()));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ledger.AppendAsync(new byte[] { 1 }, cancelled.Token));
        Assert.Equal(0, ledger.Head.Size);
        Assert.Equal(0, await ledger.AppendAsync(new byte[] { 2 }));
    }

    [Fact]
    public async Task AFailedCommitFailsItsAppendsAndTheLedgerRefusesMoreUntilReopened()
    {
        using var temp = new TempDirectory();
        await using (var ledger = FileLedger.Open(temp.Path))
        {
            ledger.AppendBatch([TestEntries.Entry(0), TestEntries.Entry(1)]);
            ledger.BeforeSync = () => throw new IOException("simulated disk failure");
            var failing = Enumerable.Range(2, 50).Select(i => ledger.AppendAsync(TestEntries.Entry(i))).ToArray();
            foreach (var task in failing)
            {
                var error = await Assert.ThrowsAsync<LedgerWriteException>(() => task);
                Assert.Contains("simulated disk failure", error.Message, StringComparison.Ordinal);
            }

            ledger.BeforeSync = null;
            await Assert.ThrowsAsync<LedgerWriteException>(() => ledger.AppendAsync(TestEntries.Entry(99)));
            Assert.Throws<LedgerWriteException>(() => ledger.AppendBatch([TestEntries.Entry(99)]));
            Assert.Equal(2, ledger.Head.Size);
            Assert.Equal(TestEntries.Entry(1), ledger.ReadEntry(1));
        }

        await using var reopened = FileLedger.Open(temp.Path);
        Assert.Equal(2, reopened.Head.Size);
        Assert.Equal(2, await reopened.AppendAsync(TestEntries.Entry(2)));
        Assert.Equal(ReferenceMerkle.Mth(TestEntries.Entries(3)), reopened.Head.RootHash.ToArray());
    }

    [Fact]
    public void ASecondOpenOfTheSameDirectoryIsRefused()
    {
        using var temp = new TempDirectory();
        using var first = FileLedger.Open(temp.Path);
        Assert.ThrowsAny<IOException>(() => FileLedger.Open(temp.Path));
    }

    internal static MerkleHash ReferenceRoot(IReadOnlyList<byte[]> entries) => new(ReferenceMerkle.Mth(entries));
}
