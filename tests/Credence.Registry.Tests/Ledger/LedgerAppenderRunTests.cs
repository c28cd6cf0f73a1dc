using System.Globalization;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Ledger.Hashing;
using Credence.Registry.Ledger;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// A run of entries built together at the flush (in parallel once it is long) stores exactly what
/// entries built and integrated one at a time store: the same bytes, leaf hashes, subject
/// commitments and indexes in append order, and the same tree nodes.
/// </summary>
public class LedgerAppenderRunTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly string[] Subjects = [Ids.Alice, Ids.Bob, Ids.Carol, Ids.Acme];

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(1_023)]
    [InlineData(1_024)]
    [InlineData(5_000)]
    public void A_run_built_at_the_flush_stores_what_one_entry_at_a_time_stores(int rows)
    {
        var together = new MemoryLedgerTables();
        var byOne = new MemoryLedgerTables();
        var run = LedgerAppender.Open(together, batchSize: 4096);
        var single = LedgerAppender.Open(byOne, batchSize: 1);
        for (var i = 0; i < rows; i++)
        {
            var row = LedgeredRow.Of(Version(i));
            Assert.Equal(i, run.Append(together, row));
            Assert.Equal(i, single.Append(byOne, row));
            Assert.Equal(i + 1, run.Size);
        }

        run.Flush(together);
        single.Flush(byOne);

        Assert.Equal(rows, together.Entries.Count);
        for (var i = 0; i < rows; i++)
        {
            var (a, b) = (together.Entries[i], byOne.Entries[i]);
            Assert.Equal((i, b.Kind, b.RowKey), (a.Index, a.Kind, a.RowKey));
            Assert.Equal(b.Bytes, a.Bytes);
            Assert.Equal(b.LeafHash, a.LeafHash);
            Assert.Equal(b.Subject, a.Subject);
            Assert.Equal(EntryContent.Entry(LedgeredRow.Of(Version(i)), together.Salt()).ToBytes(), a.Bytes);
            var leaf = new byte[MerkleHash.Length];
            MerkleHasher.LeafHash(a.Bytes, leaf);
            Assert.Equal(leaf, a.LeafHash);
        }

        Assert.Equal(byOne.Nodes, together.Nodes);

        // The stored run opens again as a consistent tree.
        Assert.Equal(rows, LedgerAppender.Open(together).Size);
    }

    private static Record Version(int i) =>
        new(new RecordKey("court", "R-" + i.ToString(CultureInfo.InvariantCulture)), 1, RecordAction.Submitted, SubjectIdentifiers.Parse(Subjects[i % Subjects.Length], Today),
            "judgment-defaulter", Area.Judicial, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero), null, null, null);

    /// <summary>The ledger's tables in memory.</summary>
    private sealed class MemoryLedgerTables : ILedgerTables
    {
        private static readonly byte[] FixedSalt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

        public List<StoredLedgerEntry> Entries { get; } = [];

        public List<byte[]> Nodes { get; } = [];

        public byte[] Salt() => FixedSalt;

        public long Size() => Entries.Count;

        public long NodeCount() => Nodes.Count;

        public byte[]? Node(long position) => position < Nodes.Count ? Nodes[(int)position] : null;

        public void InsertEntries(IReadOnlyList<StoredLedgerEntry> entries) => Entries.AddRange(entries);

        public void InsertNodes(long position, ReadOnlySpan<byte> hashes)
        {
            for (var i = 0; i < hashes.Length / MerkleHash.Length; i++)
            {
                var at = (int)position + i;
                while (Nodes.Count <= at)
                {
                    Nodes.Add([]);
                }

                Nodes[at] = hashes.Slice(i * MerkleHash.Length, MerkleHash.Length).ToArray();
            }
        }

        public StoredLedgerEntry? Entry(long index) => throw new NotSupportedException();

        public long? IndexOf(EntryKind kind, string rowKey) => throw new NotSupportedException();

        public IReadOnlyList<StoredLedgerEntry> SubjectEntries(byte[] commitment, long beforeIndex, int limit) => throw new NotSupportedException();

        public StoredCheckpoint? NewestCheckpoint() => throw new NotSupportedException();

        public IReadOnlyList<StoredCheckpoint> Checkpoints(long afterId, int limit) => throw new NotSupportedException();

        public LedgeredRow? CoveredRow(EntryKind kind, string rowKey) => throw new NotSupportedException();

        public IReadOnlyList<string> RowsWithoutEntry(EntryKind kind) => throw new NotSupportedException();

        public long InsertCheckpoint(long size, byte[] root, string note, DateTimeOffset signedAt) => throw new NotSupportedException();
    }
}
