using System.Globalization;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Ledger.Hashing;
using Credence.Registry.Ledger;
using FsCheck.Xunit;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// Two writers append to one ledger in turns; the one whose turn comes catches up with what the other
/// appended (<see cref="LedgerAppender.CatchUp"/>) instead of reopening its tree. Its tree must then be
/// the tree a fresh open reads (same size and root), and the nodes it goes on to store must be those a
/// single writer appending everything would have stored: a wrong right edge shows in both.
/// </summary>
public class LedgerAppenderCatchUpTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly string[] Subjects = [Ids.Alice, Ids.Bob, Ids.Carol, Ids.Acme];

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 1)]
    [InlineData(7, 1)]
    [InlineData(255, 1)]
    [InlineData(255, 2)]
    [InlineData(256, 256)]
    [InlineData(100, 156)]
    [InlineData(1, 1023)]
    [InlineData(1023, 1)]
    [InlineData(1024, 1025)]
    [InlineData(5, 4000)]
    public void After_the_other_writer_appends_k_entries_the_catch_up_equals_a_fresh_open(int before, int k)
    {
        var tables = new MemoryTables();
        var writer = LedgerAppender.Open(tables);
        Append(writer, tables, 0, before);
        var other = LedgerAppender.Open(tables);
        Append(other, tables, before, k);

        var reads = tables.NodeReads;
        writer.CatchUp(tables, tables.Size(), tables.NodesFrom(LedgerNodeStore.NodeCount(before)));
        Assert.Equal(reads, tables.NodeReads);

        var fresh = LedgerAppender.Open(tables);
        Assert.Equal(fresh.Size, writer.Size);
        Assert.Equal(fresh.Root, writer.Root);

        // It goes on appending where the other left off, storing the nodes one writer would have.
        Append(writer, tables, before + k, 3);
        var single = new MemoryTables();
        Append(LedgerAppender.Open(single), single, 0, before + k + 3);
        Assert.Equal(single.Nodes, tables.Nodes);
    }

    [Fact]
    public void Without_the_appended_nodes_the_catch_up_reads_the_new_edge_and_still_equals_a_fresh_open()
    {
        var tables = new MemoryTables();
        var writer = LedgerAppender.Open(tables);
        Append(writer, tables, 0, 5);
        Append(LedgerAppender.Open(tables), tables, 5, 300);

        writer.CatchUp(tables, tables.Size(), new Dictionary<long, byte[]>());

        Assert.Equal(LedgerAppender.Open(tables).Root, writer.Root);
    }

    [Fact]
    public void A_catch_up_with_entries_pending_or_to_a_smaller_size_is_refused()
    {
        var tables = new MemoryTables();
        var writer = LedgerAppender.Open(tables);
        Append(writer, tables, 0, 4);
        Assert.Throws<InvalidOperationException>(() => writer.CatchUp(tables, 3, new Dictionary<long, byte[]>()));
        writer.Append(tables, LedgeredRow.Of(Version(4)));
        Assert.Throws<InvalidOperationException>(() => writer.CatchUp(tables, 6, new Dictionary<long, byte[]>()));
    }

    /// <summary>
    /// Any sequence of turns between three writers, each turn appending some entries; the writer whose
    /// turn it is catches up first from all, some or none of the nodes appended since it last wrote.
    /// </summary>
    [Property(MaxTest = 200)]
    public bool Writers_taking_turns_keep_the_tree_a_fresh_open_reads((byte Writer, byte Entries, byte Given)[] turns)
    {
        var tables = new MemoryTables();
        var writers = new LedgerAppender[3];
        var next = 0;
        foreach (var (who, entries, given) in turns)
        {
            var writer = writers[who % 3] ??= LedgerAppender.Open(tables);
            if (writer.Size != tables.Size())
            {
                var since = tables.NodesFrom(LedgerNodeStore.NodeCount(writer.Size));
                var keep = (given % 3) switch
                {
                    0 => since,
                    1 => since.Where(n => n.Key % 2 == 0).ToDictionary(),
                    _ => [],
                };
                writer.CatchUp(tables, tables.Size(), keep);
                if (!writer.Root.AsSpan().SequenceEqual(LedgerAppender.Open(tables).Root))
                {
                    return false;
                }
            }

            var count = (entries % 40) + 1;
            Append(writer, tables, next, count);
            next += count;
        }

        var single = new MemoryTables();
        Append(LedgerAppender.Open(single), single, 0, next);
        return single.Nodes.Count == tables.Nodes.Count && single.Nodes.Zip(tables.Nodes).All(p => p.First.AsSpan().SequenceEqual(p.Second));
    }

    private static void Append(LedgerAppender appender, MemoryTables tables, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            appender.Append(tables, LedgeredRow.Of(Version(i)));
        }

        appender.Flush(tables);
    }

    private static Record Version(int i) =>
        new(new RecordKey("court", "R-" + i.ToString(CultureInfo.InvariantCulture)), 1, RecordAction.Submitted, SubjectIdentifiers.Parse(Subjects[i % Subjects.Length], Today),
            "judgment-defaulter", Area.Judicial, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.Zero), null, null, null);

    /// <summary>The ledger's tables in memory, counting the node reads.</summary>
    private sealed class MemoryTables : ILedgerTables
    {
        private static readonly byte[] FixedSalt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

        public List<StoredLedgerEntry> Entries { get; } = [];

        public List<byte[]> Nodes { get; } = [];

        public int NodeReads { get; private set; }

        public Dictionary<long, byte[]> NodesFrom(long position) =>
            Enumerable.Range((int)position, Math.Max(0, Nodes.Count - (int)position)).ToDictionary(p => (long)p, p => Nodes[p]);

        public byte[] Salt() => FixedSalt;

        public long Size() => Entries.Count;

        public long NodeCount() => Nodes.Count;

        public byte[]? Node(long position)
        {
            NodeReads++;
            return position < Nodes.Count ? Nodes[(int)position] : null;
        }

        public void InsertEntries(IReadOnlyList<StoredLedgerEntry> entries)
        {
            Assert.All(entries.Select((e, i) => (e, i)), x => Assert.Equal(Entries.Count + x.i, x.e.Index));
            Entries.AddRange(entries);
        }

        public void InsertNodes(long position, ReadOnlySpan<byte> hashes)
        {
            // Nodes are appended once each, in order: a writer that forgot the other's would rewrite or skip slots.
            Assert.Equal(Nodes.Count, position);
            for (var i = 0; i < hashes.Length / MerkleHash.Length; i++)
            {
                Nodes.Add(hashes.Slice(i * MerkleHash.Length, MerkleHash.Length).ToArray());
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
