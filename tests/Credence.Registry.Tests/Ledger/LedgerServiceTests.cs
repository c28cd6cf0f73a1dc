using Credence.Ledger.Checkpoints;
using Credence.Ledger.Hashing;
using Credence.Ledger.Proofs;
using Credence.Ledger.Receipts;
using Credence.Registry.Access;
using Credence.Registry.Ledger;

namespace Credence.Registry.Tests.Ledger;

public class LedgerServiceTests
{
    [Fact]
    public async Task Checkpoints_are_signed_at_most_once_per_interval_unless_asked_and_stay_consistent()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var first = await s.Ledger.CurrentAsync();
        Assert.Equal(s.Ledger.Size, first.Size);
        Assert.True(new CheckpointVerifier(s.Verifier, "credence/registry.db").Verify(first.Note).IsValid);

        (await s.T.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();
        Assert.Equal(first.Id, (await s.Ledger.CurrentAsync()).Id);
        s.T.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await s.Ledger.CurrentAsync();
        Assert.Equal((first.Id + 1, first.Size + 1), (second.Id, second.Size));
        Assert.Equal(second.Id, (await s.Ledger.SignAsync()).Id);

        var proof = s.Ledger.Consistency(first.Size, second.Size).GetValueOrThrow();
        Assert.True(ProofVerifier.VerifyConsistency(proof, new MerkleHash(first.Root), new MerkleHash(second.Root)));
        Assert.Equal([first.Id, second.Id], s.Ledger.History(0, 10).Select(c => c.Id));
    }

    [Fact]
    public async Task A_subject_gets_a_verifiable_receipt_for_its_own_entries_only()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var index = s.Ledger.IndexOfDecision(s.Decision.Id)!.Value;
        var receipt = (await s.Ledger.ReceiptAsync(s.Bob, index)).GetValueOrThrow();
        var verified = ReceiptVerifier.Verify(receipt.ToJson(), s.Key.VerifierKey);
        Assert.True(verified.IsValid, verified.Reason);
        Assert.True(verified.SignatureVerified);
        Assert.Equal(EntryKind.Decision, LedgerEntry.Parse(receipt.Entry.Span).Kind);

        var alice = await s.T.RoleAsync(Role.Subject, "alice", Ids.Alice);
        Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.ReceiptAsync(alice, index)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, s.Ledger.Entry(alice, index).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, s.Ledger.Entry(s.Bob, 10_000).Problem!.Type);
        var auditor = await s.T.RoleAsync(Role.Auditor, "auditor");
        Assert.True(s.Ledger.Entry(auditor, index).IsOk);
    }

    [Fact]
    public async Task Proofs_are_refused_outside_the_tree()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var size = s.Ledger.Size;
        Assert.Equal(ProblemTypes.BadValue, s.Ledger.Inclusion(size, size).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, s.Ledger.Inclusion(0, size + 1).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, s.Ledger.Consistency(0, size).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, s.Ledger.Consistency(size, size - 1).Problem!.Type);
        var checkpoint = await s.Ledger.SignAsync();
        var inclusion = s.Ledger.Inclusion(1, size).GetValueOrThrow();
        var entry = s.T.Registry.Store.Read(r => ((Storage.Sqlite.SqliteSession)r).LedgerEntryAt(1))!;
        Assert.True(ProofVerifier.VerifyInclusion(inclusion, MerkleHasher.LeafHash(entry.Bytes), new MerkleHash(checkpoint.Root)));
    }
}
