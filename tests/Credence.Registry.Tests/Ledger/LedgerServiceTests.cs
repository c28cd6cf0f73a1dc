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
    public async Task Only_the_schedule_and_the_operator_sign_and_what_they_sign_stays_consistent()
    {
        await using var s = await LedgerScenario.CreateAsync();
        Assert.Equal(ProblemTypes.NotFound, (await s.Ledger.NewestAsync()).Problem!.Type);
        var first = (await s.Ledger.SignDueAsync())!;
        Assert.Equal(await s.Ledger.SizeAsync(), first.Size);
        Assert.True(new CheckpointVerifier(s.Verifier, "credence/registry.db").Verify(first.Note).IsValid);
        Assert.Equal(first.Id, (await s.Ledger.NewestAsync()).Value!.Id);
        Assert.Equal(s.T.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), s.Ledger.NextScheduledAt);
        Assert.Null(await s.Ledger.SignDueAsync());

        (await s.T.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();
        s.T.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(first.Id, (await s.Ledger.NewestAsync()).Value!.Id);
        var second = (await s.Ledger.SignDueAsync())!;
        Assert.Equal((first.Id + 1, first.Size + 1), (second.Id, second.Size));

        var auditor = await s.T.RoleAsync(Role.Auditor, "auditor");
        Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.SignAsync(auditor)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.SignAsync(s.Bob)).Problem!.Type);
        var byOperator = (await s.Ledger.SignAsync(s.T.Operator)).GetValueOrThrow();
        Assert.True(byOperator.Size > second.Size, "the refusals were logged, so the ledger grew");
        Assert.Equal(2, (await s.T.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000))).Count(e => e.Action == "ledger.checkpoint" && e.Outcome == AccessOutcome.Forbidden));

        var proof = (await s.Ledger.ConsistencyAsync(first.Size, byOperator.Size)).GetValueOrThrow();
        Assert.True(ProofVerifier.VerifyConsistency(proof, new MerkleHash(first.Root), new MerkleHash(byOperator.Root)));
        Assert.Equal([first.Id, second.Id, byOperator.Id], (await s.Ledger.HistoryAsync(0, 10)).Select(c => c.Id));
    }

    [Fact]
    public async Task Receipt_requests_never_sign_and_an_entry_not_yet_covered_says_when_to_come_back()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var index = (await s.Ledger.IndexOfDecisionAsync(s.Decision.Id))!.Value;
        for (var i = 0; i < 25; i++)
        {
            (await s.T.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();
            var pending = (await s.Ledger.ReceiptAsync(s.Bob, index)).GetValueOrThrow();
            Assert.False(pending.IsReady);
            Assert.Equal(0, pending.CoveredSize);
            Assert.Equal(s.Ledger.NextScheduledAt, pending.ComeBackAt);
            Assert.Equal(60, pending.RetryAfterSeconds);
        }

        Assert.Empty(await s.Ledger.HistoryAsync(0, 10));
        s.T.Clock.Advance(TimeSpan.FromSeconds(59.2));
        Assert.Equal(1, (await s.Ledger.ReceiptAsync(s.Bob, index)).Value!.RetryAfterSeconds);
        s.T.Clock.Advance(TimeSpan.FromSeconds(5));
        var late = (await s.Ledger.ReceiptAsync(s.Bob, index)).Value!;
        Assert.Equal((1, s.T.Clock.GetUtcNow().AddSeconds(1)), (late.RetryAfterSeconds, late.ComeBackAt!.Value));
        Assert.Empty(await s.Ledger.HistoryAsync(0, 10));

        var checkpoint = (await s.Ledger.SignDueAsync())!;
        var ready = (await s.Ledger.ReceiptAsync(s.Bob, index)).GetValueOrThrow();
        Assert.True(ready.IsReady);
        Assert.Equal(checkpoint.Note, ready.Receipt!.CheckpointNote);
        Assert.True(ReceiptVerifier.Verify(ready.Receipt.ToJson(), s.Key.VerifierKey).IsValid);

        // A newer entry waits for the next scheduled checkpoint; the older one keeps its receipt.
        var read = (await s.T.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();
        var newer = (await s.Ledger.IndexOfAccessEventAsync(read.ReadEventId))!.Value;
        Assert.Equal(checkpoint.SignedAt + TimeSpan.FromMinutes(1), (await s.Ledger.ReceiptAsync(s.Bob, newer)).Value!.ComeBackAt);
        Assert.True((await s.Ledger.ReceiptAsync(s.Bob, index)).Value!.IsReady);
        Assert.Single(await s.Ledger.HistoryAsync(0, 10));
    }

    [Fact]
    public async Task A_subject_gets_a_verifiable_receipt_for_its_own_entries_only()
    {
        await using var s = await LedgerScenario.CreateAsync();
        await s.Ledger.SignDueAsync();
        var index = (await s.Ledger.IndexOfDecisionAsync(s.Decision.Id))!.Value;
        var receipt = (await s.Ledger.ReceiptAsync(s.Bob, index)).GetValueOrThrow().Receipt!;
        var verified = ReceiptVerifier.Verify(receipt.ToJson(), s.Key.VerifierKey);
        Assert.True(verified.IsValid, verified.Reason);
        Assert.Equal(EntryKind.Decision, LedgerEntry.Parse(receipt.Entry.Span).Kind);
        var auditor = await s.T.RoleAsync(Role.Auditor, "auditor");
        Assert.True((await s.Ledger.EntryAsync(auditor, index)).IsOk);
        Assert.True((await s.Ledger.EntryAsync(s.T.Operator, index)).IsOk);
        Assert.True((await s.Ledger.EntryAsync(s.Bob, index)).IsOk);
    }

    [Fact]
    public async Task Receipts_are_the_subjects_and_another_subjects_entry_answers_as_a_missing_one()
    {
        await using var s = await LedgerScenario.CreateAsync();
        await s.Ledger.SignDueAsync();
        var index = (await s.Ledger.IndexOfDecisionAsync(s.Decision.Id))!.Value;
        var alice = await s.T.RoleAsync(Role.Subject, "alice", Ids.Alice);
        var size = await s.Ledger.SizeAsync();
        var notYours = (await s.Ledger.ReceiptAsync(alice, index)).Problem!;
        foreach (var missing in new[] { size + 5, 1_000_000_000, long.MaxValue, -1 })
        {
            var problem = (await s.Ledger.ReceiptAsync(alice, missing)).Problem!;
            Assert.Equal((ProblemTypes.NotFound, $"you have no ledger entry {missing}"), (problem.Type, problem.Detail));
            var entry = (await s.Ledger.EntryAsync(alice, missing)).Problem!;
            Assert.Equal((ProblemTypes.NotFound, $"you have no ledger entry {missing}"), (entry.Type, entry.Detail));
        }

        Assert.Equal((ProblemTypes.NotFound, $"you have no ledger entry {index}"), (notYours.Type, notYours.Detail));
        var entryNotYours = (await s.Ledger.EntryAsync(alice, index)).Problem!;
        Assert.Equal((ProblemTypes.NotFound, $"you have no ledger entry {index}"), (entryNotYours.Type, entryNotYours.Detail));

        // Every other role is refused the receipt route, whatever the index; entries stay theirs only for operator and auditor.
        var others = new[]
        {
            s.T.Operator,
            await s.T.RoleAsync(Role.Auditor, "auditor"),
            await s.T.RoleAsync(Role.Reviewer, "reviewer"),
            await s.T.CourtAsync(),
            await s.T.RelyingPartyAsync("bank", "credit", "rail.g-train.ticket"),
        };
        foreach (var other in others)
        {
            Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.ReceiptAsync(other, index)).Problem!.Type);
            Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.ReceiptAsync(other, size + 5)).Problem!.Type);
        }

        Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.EntryAsync(others[2], index)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await s.Ledger.EntryAsync(others[4], size + 5)).Problem!.Type);

        var log = await s.T.Registry.Store.ReadAsync(r => r.AccessLog(0, 10_000));
        Assert.Equal(10, log.Count(e => e.Action == "ledger.receipt" && e.Outcome == AccessOutcome.Forbidden));
        var aliceRefusals = log.Where(e => e.Action == "ledger.receipt" && e.Principal == "alice").ToList();
        Assert.Equal(5, aliceRefusals.Count);
        Assert.All(aliceRefusals, e => Assert.Equal((AccessOutcome.Refused, Ids.Alice), (e.Outcome, e.Subject)));
    }

    [Fact]
    public async Task Proofs_are_refused_outside_the_tree()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var size = await s.Ledger.SizeAsync();
        Assert.Equal(ProblemTypes.BadValue, (await s.Ledger.InclusionAsync(size, size)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await s.Ledger.InclusionAsync(0, size + 1)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await s.Ledger.ConsistencyAsync(0, size)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await s.Ledger.ConsistencyAsync(size, size - 1)).Problem!.Type);
        var checkpoint = await s.Ledger.SignAsync();
        var inclusion = (await s.Ledger.InclusionAsync(1, size)).GetValueOrThrow();
        var entry = (await s.T.Registry.Store.ReadAsync(r => ((Storage.Sqlite.SqliteSession)r).LedgerEntryAt(1)))!;
        Assert.True(ProofVerifier.VerifyInclusion(inclusion, MerkleHasher.LeafHash(entry.Bytes), new MerkleHash(checkpoint.Root)));
    }
}
