using Credence.Registry.Ledger;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests.Ledger;

/// <summary>Each kind of tampering with a registry file is caught by the audit, with its location.</summary>
public class LedgerAuditTests
{
    [Fact]
    public async Task An_untouched_database_is_consistent()
    {
        await using var s = await TwoCheckpointsAsync();
        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
        Assert.Equal(2, report.Checkpoints);
    }

    [Fact]
    public async Task An_edited_record_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE records SET legal_basis = 'nothing' WHERE id = 1"));
        Assert.Contains(problems, p => p.Contains("records row intermediate-court/Z-1/1 no longer matches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_decision_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "DELETE FROM decisions"));
        Assert.Contains(problems, p => p.Contains("the decisions row", StringComparison.Ordinal) && p.Contains("is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_access_event_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "DELETE FROM access_log WHERE action = 'subject.read'"));
        Assert.Contains(problems, p => p.Contains("the access_log row", StringComparison.Ordinal) && p.Contains("is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_slipped_in_without_its_entry_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c,
            "INSERT INTO access_log (at, principal, action, subject, outcome) VALUES (0, 'nobody', 'subject.read', '440524188001010014', 0)"));
        Assert.Contains(problems, p => p.StartsWith("access_log row ", StringComparison.Ordinal) && p.EndsWith("has no ledger entry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entry_hidden_from_its_subject_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE ledger_entries SET subject = NULL WHERE kind = 2"));
        Assert.Contains(problems, p => p.EndsWith("its subject column is not the commitment in its bytes (the subject would not find it)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Garbage_entry_bytes_are_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE ledger_entries SET bytes = x'0102' WHERE idx = 3"));
        Assert.Contains(problems, p => p.StartsWith("ledger entry 3: not a canonical entry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ledger entry 3: its stored leaf hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reordered_entries_are_caught()
    {
        var problems = await TamperedAsync(c =>
        {
            LedgerScenario.Exec(c, "UPDATE ledger_entries SET idx = -1 WHERE idx = 0");
            LedgerScenario.Exec(c, "UPDATE ledger_entries SET idx = 0 WHERE idx = 1");
            LedgerScenario.Exec(c, "UPDATE ledger_entries SET idx = 1 WHERE idx = -1");
        });
        Assert.Contains(problems, p => p.StartsWith("ledger_nodes: the stored tree's root", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("checkpoint 1", StringComparison.Ordinal) && p.EndsWith("is not the ledger's root at that size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_altered_checkpoint_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE checkpoints SET note = replace(note, 'credence/registry.db', 'credence/other.db') WHERE id = 2"));
        Assert.Contains(problems, p => p.StartsWith("checkpoint 2", StringComparison.Ordinal) && p.Contains("signature does not verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_checkpoint_whose_root_was_swapped_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE checkpoints SET root = (SELECT root FROM checkpoints WHERE id = 1) WHERE id = 2"));
        Assert.Contains(problems, p => p.StartsWith("checkpoint 2", StringComparison.Ordinal) && p.Contains("does not say the size and root stored beside it", StringComparison.Ordinal));
    }

    private static async Task<LedgerScenario> TwoCheckpointsAsync()
    {
        var s = await LedgerScenario.CreateAsync();
        await s.Ledger.SignAsync();
        (await s.T.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();
        await s.Ledger.SignAsync();
        return s;
    }

    private static async Task<IReadOnlyList<string>> TamperedAsync(Action<SqliteConnection> tamper)
    {
        await using var s = await TwoCheckpointsAsync();
        var report = await s.AuditClosedAsync(tamper);
        Assert.False(report.IsConsistent);
        return report.Problems;
    }
}
