using Credence.Registry.Ledger;
using Credence.Registry.Tests.Ledger;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>Every dispute, repair and appeal step is a ledgered row, and the audit catches a step changed, removed or slipped in.</summary>
public class CaseStepLedgerTests
{
    [Fact]
    public async Task Each_step_has_its_entry_with_the_case_and_step_as_its_action_and_the_audit_is_clean()
    {
        await using var s = await DisputedAsync();
        await s.AuditClosedAsync();
        using var c = s.Connect();
        Assert.Equal(2, LedgerScenario.Count(c, "SELECT COUNT(*) FROM case_steps"));
        Assert.Equal(2, LedgerScenario.Count(c, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 4"));
        using var command = c.CreateCommand();
        command.CommandText = "SELECT bytes FROM ledger_entries WHERE kind = 4 ORDER BY idx";
        using var reader = command.ExecuteReader();
        var actions = new List<string>();
        while (reader.Read())
        {
            var entry = LedgerEntry.Parse((byte[])reader.GetValue(0));
            Assert.Equal(EntryKind.CaseStep, entry.Kind);
            Assert.Equal(32, entry.SubjectCommitment.Length);
            actions.Add(entry.Action);
        }

        Assert.Equal(["dispute.opened", "dispute.answered.withdraw"], actions);
        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
    }

    [Fact]
    public async Task An_edited_case_step_is_caught()
    {
        await using var s = await DisputedAsync();
        var report = await s.AuditClosedAsync(c => LedgerScenario.Exec(c, "UPDATE case_steps SET detail = '{\"reason\":\"the subject agreed\"}' WHERE step = 'opened'"));
        Assert.Contains(report.Problems, p => p.Contains("the case_steps row", StringComparison.Ordinal) && p.Contains("no longer matches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_case_step_is_caught()
    {
        await using var s = await DisputedAsync();
        var report = await s.AuditClosedAsync(c => LedgerScenario.Exec(c, "DELETE FROM case_steps WHERE step = 'answered.withdraw'"));
        Assert.Contains(report.Problems, p => p.Contains("the case_steps row", StringComparison.Ordinal) && p.Contains("is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_case_step_slipped_in_without_its_entry_is_caught()
    {
        await using var s = await DisputedAsync();
        var report = await s.AuditClosedAsync(c => LedgerScenario.Exec(c,
            "INSERT INTO case_steps (at, case_id, case_kind, step, actor, subject, record, detail) VALUES (0, 'x', 'dispute', 'resolved-for-subject', 'registry', '440524188001010014', 'intermediate-court/Z-1', '{}')"));
        Assert.Contains(report.Problems, p => p.StartsWith("case_steps row ", StringComparison.Ordinal) && p.EndsWith("has no ledger entry", StringComparison.Ordinal));
    }

    /// <summary>The ledger scenario (Bob listed, a decision, a read) with Bob's dispute opened and the court's withdrawal.</summary>
    private static async Task<LedgerScenario> DisputedAsync()
    {
        var s = await LedgerScenario.CreateAsync();
        var court = (await s.T.Registry.Store.ReadAsync(r => r.FindPrincipal("intermediate-court")))!;
        var dispute = (await s.T.Registry.Disputes.OpenAsync(s.Bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        s.T.Clock.Advance(TimeSpan.FromDays(1));
        (await s.T.Registry.Disputes.AnswerAsync(court, dispute.Id, "withdraw", "identifier mix-up", null)).GetValueOrThrow();
        return s;
    }
}
