using Credence.Core.DueProcess;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Credence.Registry.Tests.Ledger;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>
/// A verified dispute escalated, found wrong by a reviewer and resolved for the subject at the
/// revocation deadline: each step is a ledgered case step, the audit of <c>credence verify</c> stays
/// clean, the state survives a restart, and an edited reviewer's reason is caught.
/// </summary>
public class DisputeReviewLedgerTests
{
    [Fact]
    public async Task Escalation_finding_and_resolution_are_ledgered_and_the_audit_is_clean()
    {
        await using var s = await FoundWrongAsync();
        var stored = Assert.Single(await s.T.Registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob)));
        Assert.Equal(DisputeState.FoundWrong, stored.State);
        Assert.Equal(DisputeDeadlines.RevocationDue(stored.Escalation!.DecidedAt!.Value), stored.DueAt);

        // The state (escalation, decision, new deadline) survives a restart, and the scheduler resolves it at the deadline.
        await s.ReopenAsync();
        var reread = Assert.Single(await s.T.Registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob)));
        Assert.Equal(stored, reread);
        s.T.Clock.Set(reread.DueAt);
        Assert.Equal(1, await s.T.Registry.Scheduler.RunDueAsync());
        var resolved = Assert.Single(await s.T.Registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob)));
        Assert.Equal((DisputeState.ResolvedForSubject, reread.DueAt), (resolved.State, resolved.ClosedAt));

        await s.AuditClosedAsync();
        using var c = s.Connect();
        Assert.Equal(5, LedgerScenario.Count(c, "SELECT COUNT(*) FROM case_steps"));
        Assert.Equal(5, LedgerScenario.Count(c, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 4"));
        using var command = c.CreateCommand();
        command.CommandText = "SELECT bytes FROM ledger_entries WHERE kind = 4 ORDER BY idx";
        using var reader = command.ExecuteReader();
        var actions = new List<string>();
        while (reader.Read())
        {
            actions.Add(LedgerEntry.Parse((byte[])reader.GetValue(0)).Action);
        }

        Assert.Equal(["dispute.opened", "dispute.answered.verify", "dispute.escalated", "dispute.decided.found-wrong", "dispute.resolved-for-subject"], actions);
        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
    }

    [Fact]
    public async Task An_edited_reviewers_reason_is_caught()
    {
        await using var s = await FoundWrongAsync();
        var report = await s.AuditClosedAsync(c => LedgerScenario.Exec(c, "UPDATE case_steps SET detail = '{\"decision\":\"uphold\",\"reason\":\"it stands\"}' WHERE step = 'decided.found-wrong'"));
        Assert.Contains(report.Problems, p => p.Contains("the case_steps row", StringComparison.Ordinal) && p.Contains("no longer matches", StringComparison.Ordinal));
    }

    /// <summary>The ledger scenario with Bob's dispute verified by the court, escalated, and found wrong by a reviewer.</summary>
    private static async Task<LedgerScenario> FoundWrongAsync()
    {
        var s = await LedgerScenario.CreateAsync();
        var court = (await s.T.Registry.Store.ReadAsync(r => r.FindPrincipal("intermediate-court")))!;
        var reviewer = await s.T.RoleAsync(Role.Reviewer, "reviewer-1");
        var dispute = (await s.T.Registry.Disputes.OpenAsync(s.Bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        s.T.Clock.Advance(TimeSpan.FromDays(1));
        (await s.T.Registry.Disputes.AnswerAsync(court, dispute.Id, "verify", "the judgment names this identifier", null)).GetValueOrThrow();
        s.T.Clock.Advance(TimeSpan.FromDays(1));
        (await s.T.Registry.Disputes.EscalateAsync(s.Bob, dispute.Id, "the identifier is my namesake's")).GetValueOrThrow();
        s.T.Clock.Advance(TimeSpan.FromDays(1));
        (await s.T.Registry.Reviews.DecideDisputeAsync(reviewer, dispute.Id, "found-wrong", "the identity number on the judgment is not Bob's")).GetValueOrThrow();
        return s;
    }
}
