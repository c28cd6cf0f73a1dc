using System.Buffers.Binary;
using System.Text;
using Credence.Ledger.Hashing;
using Credence.Registry.Ledger;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Tests.Ledger;

public class LedgerEntriesTests
{
    [Fact]
    public void The_canonical_form_is_version_kind_instant_then_six_length_prefixed_fields()
    {
        var at = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var entry = new LedgerEntry(EntryKind.Decision, at, "k", "7", "decision.x", "p@1", new byte[32], Enumerable.Repeat((byte)9, 32).ToArray());
        var bytes = entry.ToBytes();

        Assert.Equal([1, 2], bytes[..2]);
        Assert.Equal(at.UtcTicks, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(2)));
        Assert.Equal([0, 0, 0, 1, (byte)'k'], bytes[10..15]);
        Assert.Equal(2 + 8 + (6 * 4) + 1 + 1 + 10 + 3 + 32 + 32, bytes.Length);
        var back = LedgerEntry.Parse(bytes);
        Assert.Equal((entry.Kind, entry.At, entry.RowKey, entry.Actor, entry.Action, entry.PolicyTag), (back.Kind, back.At, back.RowKey, back.Actor, back.Action, back.PolicyTag));
        Assert.Equal(entry.ContentDigest.ToArray(), back.ContentDigest.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 9, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5 })]
    public void Malformed_entries_are_refused(byte[] bytes) => Assert.Throws<FormatException>(() => LedgerEntry.Parse(bytes));

    [Fact]
    public async Task Every_record_version_decision_and_access_event_has_its_entry_in_the_same_database()
    {
        await using var s = await LedgerScenario.CreateAsync();
        using var c = s.Connect();
        var rows = LedgerScenario.Count(c, "SELECT (SELECT COUNT(*) FROM records) + (SELECT COUNT(*) FROM decisions) + (SELECT COUNT(*) FROM access_log)");
        Assert.Equal(rows, LedgerScenario.Count(c, "SELECT COUNT(*) FROM ledger_entries"));
        Assert.Equal(1, LedgerScenario.Count(c, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 1"));
        Assert.Equal(1, LedgerScenario.Count(c, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 2"));
        Assert.Equal(await s.Ledger.SizeAsync(), rows);

        var decisionIndex = (await s.Ledger.IndexOfDecisionAsync(s.Decision.Id))!.Value;
        var entry = (await s.T.Registry.Store.ReadAsync(r => ((SqliteSession)r).LedgerEntryAt(decisionIndex)))!.Entry;
        Assert.Equal((EntryKind.Decision, "decision.rail.g-train.ticket", s.Decision.PolicyVersion, s.Decision.DecidedAt), (entry.Kind, entry.Action, entry.PolicyTag, entry.At));
        Assert.Equal(32, entry.SubjectCommitment.Length);

        var size = (int)await s.Ledger.SizeAsync();
        var actions = await s.T.Registry.Store.ReadAsync(r => Enumerable.Range(0, size).Select(i => ((SqliteSession)r).LedgerEntryAt(i)!).ToList());
        Assert.Contains(actions, e => e.Entry.Action == "policy.activate");
        Assert.Contains(actions, e => e.Entry.Action == "key.create");
        Assert.Contains(actions, e => e.Entry.Action == "subject.read");
        Assert.Contains(actions, e => e.Entry.Action == "record.submitted");
        foreach (var e in actions)
        {
            // Personal data stays in the store: no entry carries the subject's identifier.
            Assert.DoesNotContain(Ids.Bob, Encoding.UTF8.GetString(e.Bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_tree_is_rebuilt_on_open_and_appending_continues()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var before = await s.Ledger.SizeAsync();
        var checkpoint = await s.Ledger.SignAsync();
        await s.ReopenAsync();
        (await s.T.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();
        Assert.Equal(before + 1, await s.Ledger.SizeAsync());
        Assert.True(await s.Ledger.MatchesAsync(checkpoint));

        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
        Assert.Equal((before + 1, 1, true), (report.Entries, report.Checkpoints, report.SignaturesChecked));
    }

    [Fact]
    public async Task A_failing_ledger_fails_the_write_and_nothing_is_stored_without_its_entry()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var size = await s.Ledger.SizeAsync();
        using (var c = s.Connect())
        {
            LedgerScenario.Exec(c, "CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_nodes BEGIN SELECT RAISE(ABORT, 'ledger disk gone'); END");
        }

        var court = (await s.T.Registry.Principals.ListAsync(s.T.Operator)).GetValueOrThrow().First(p => p.Principal.Name == "intermediate-court").Principal;
        var failed = await Assert.ThrowsAsync<LedgerUnavailableException>(() => s.T.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "Z-9")));
        Assert.Contains("ledger disk gone", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await s.T.Registry.Store.ReadAsync(r => r.SubjectRecords(Core.Identifiers.SubjectIdentifiers.Parse(Ids.Alice, DateOnly.MaxValue))));
        Assert.Equal(size, await s.Ledger.SizeAsync());

        using (var c = s.Connect())
        {
            LedgerScenario.Exec(c, "DROP TRIGGER ledger_down");
        }

        await s.T.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "Z-9"));
        Assert.Single(await s.T.Registry.Store.ReadAsync(r => r.SubjectRecords(Core.Identifiers.SubjectIdentifiers.Parse(Ids.Alice, DateOnly.MaxValue))));
        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
    }

    [Fact]
    public void Leaf_hashes_follow_RFC_6962()
    {
        var bytes = new LedgerEntry(EntryKind.AccessEvent, DateTimeOffset.UnixEpoch, "1", "public", "public.read", string.Empty, Array.Empty<byte>(), new byte[32]).ToBytes();
        var expected = System.Security.Cryptography.SHA256.HashData([0, .. bytes]);
        Assert.Equal(expected, MerkleHasher.LeafHash(bytes).ToArray());
    }
}
