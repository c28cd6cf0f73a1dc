using Credence.Ledger.Storage;
using Credence.Ledger.Tests.Support;

namespace Credence.Ledger.Tests.Storage;

/// <summary>
/// Crash recovery, simulated by cutting or extending the ledger files the way a crash mid-commit can
/// leave them: the ledger reopens at the last entry whose record, index slot and hashes are all there.
/// </summary>
public sealed class TornTailRecoveryTests
{
    private const int Size = 20;

    [Theory]
    [InlineData("entries.dat", 1, 19)]
    [InlineData("entries.dat", 5, 19)]
    [InlineData("entries.idx", 1, 19)]
    [InlineData("entries.idx", 8, 19)]
    [InlineData("entries.idx", 9, 18)]
    [InlineData("nodes.dat", 1, 19)]
    [InlineData("nodes.dat", 32, 19)]
    [InlineData("nodes.dat", 8 * 32, 15)]
    public void ACutFileTruncatesTheLedgerToTheLastCompleteEntry(string file, int cutBytes, int expectedSize)
    {
        using var temp = new TempDirectory();
        var entries = Write(temp, Size);
        Cut(temp.File(file), cutBytes);

        using (var ledger = FileLedger.Open(temp.Path))
        {
            Assert.True(ledger.Recovery.TailTruncated);
            Assert.Equal(Size - expectedSize, ledger.Recovery.DiscardedEntries);
            Assert.Equal(expectedSize, ledger.Head.Size);
            Assert.Equal(FileLedgerTests.ReferenceRoot(entries[..expectedSize]), ledger.Head.RootHash);
            Assert.Equal(entries[expectedSize - 1], ledger.ReadEntry(expectedSize - 1));

            // The ledger carries on from there, and the files agree again.
            ledger.AppendBatch([entries[expectedSize]]);
        }

        using var reopened = FileLedger.Open(temp.Path);
        Assert.False(reopened.Recovery.TailTruncated);
        Assert.Equal(expectedSize + 1, reopened.Head.Size);
        Assert.Equal(FileLedgerTests.ReferenceRoot(entries[..(expectedSize + 1)]), reopened.Head.RootHash);
    }

    [Fact]
    public void APartialRecordBeyondTheIndexIsDropped()
    {
        using var temp = new TempDirectory();
        var entries = Write(temp, Size);
        using (var stream = new FileStream(temp.File("entries.dat"), FileMode.Append))
        {
            stream.Write([9, 0, 0, 0, 1, 2]);
        }

        using var ledger = FileLedger.Open(temp.Path);
        Assert.True(ledger.Recovery.TailTruncated);
        Assert.Equal(Size, ledger.Head.Size);
        Assert.Equal(FileLedgerTests.ReferenceRoot(entries[..Size]), ledger.Head.RootHash);
    }

    [Fact]
    public void FilesCutToDifferentLengthsAgreeOnTheShortest()
    {
        using var temp = new TempDirectory();
        var entries = Write(temp, Size);
        Cut(temp.File("entries.dat"), 3);
        Cut(temp.File("entries.idx"), 8 * 4);
        Cut(temp.File("nodes.dat"), 7);

        using var ledger = FileLedger.Open(temp.Path);
        Assert.Equal(16, ledger.Head.Size);
        Assert.Equal(FileLedgerTests.ReferenceRoot(entries[..16]), ledger.Head.RootHash);
        Assert.Equal(8L * 16, new FileInfo(temp.File("entries.idx")).Length);
    }

    [Fact]
    public void AnEmptyingCutLeavesAnEmptyLedger()
    {
        using var temp = new TempDirectory();
        Write(temp, 3);
        Cut(temp.File("entries.idx"), 24);
        using var ledger = FileLedger.Open(temp.Path);
        Assert.Equal(0, ledger.Head.Size);
        Assert.Equal(0L, new FileInfo(temp.File("entries.dat")).Length);
    }

    [Fact]
    public void AnEntryThatDoesNotMatchItsLeafHashIsCorruptionNotATornTail()
    {
        using var temp = new TempDirectory();
        Write(temp, Size);
        using (var stream = new FileStream(temp.File("entries.dat"), FileMode.Open))
        {
            stream.Seek(-1, SeekOrigin.End);
            stream.WriteByte(0x7f);
        }

        Assert.Throws<LedgerCorruptedException>(() => FileLedger.Open(temp.Path));
    }

    [Fact]
    public void ALengthPrefixThatContradictsTheIndexIsCorruption()
    {
        using var temp = new TempDirectory();
        var entries = Write(temp, 2);
        using (var stream = new FileStream(temp.File("entries.dat"), FileMode.Open))
        {
            stream.Seek(4 + entries[0].Length, SeekOrigin.Begin);
            stream.WriteByte(0xff);
        }

        Assert.Throws<LedgerCorruptedException>(() => FileLedger.Open(temp.Path));
    }

    [Fact]
    public void AnIndexSlotThatGivesAnImpossibleSpanIsCorruption()
    {
        using var temp = new TempDirectory();
        Write(temp, 3);
        using (var stream = new FileStream(temp.File("entries.idx"), FileMode.Open))
        {
            stream.Seek(-8, SeekOrigin.End);
            stream.Write(BitConverter.GetBytes(1L));
        }

        Assert.Throws<LedgerCorruptedException>(() => FileLedger.Open(temp.Path));
    }

    [Fact]
    public void ADirectoryWithLedgerFilesButNoFormatMarkerIsRefused()
    {
        using var temp = new TempDirectory();
        Write(temp, 2);
        File.Delete(temp.File("ledger.format"));
        Assert.Throws<LedgerCorruptedException>(() => FileLedger.Open(temp.Path));
        File.WriteAllText(temp.File("ledger.format"), "credence-ledger 9\n");
        Assert.Throws<LedgerCorruptedException>(() => FileLedger.Open(temp.Path));
    }

    private static List<byte[]> Write(TempDirectory temp, int count)
    {
        var entries = TestEntries.Entries(count + 1);
        using var ledger = FileLedger.Open(temp.Path);
        foreach (var entry in entries[..count])
        {
            ledger.AppendBatch([entry]);
        }

        return entries;
    }

    private static void Cut(string path, int bytes)
    {
        using var stream = new FileStream(path, FileMode.Open);
        stream.SetLength(stream.Length - bytes);
    }
}
