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

    [Theory]
    [InlineData(0, "level 0, index 0")]
    [InlineData(2, "level 1, index 0")]
    [InlineData(6, "level 2, index 0")]
    public async Task A_changed_node_is_caught_even_off_the_path_of_every_root(int position, string node)
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, $"UPDATE ledger_nodes SET hash = zeroblob(32) WHERE pos = {position}"));
        Assert.Contains($"ledger_nodes: the node at {node} is not the hash recomputed from the entries", problems);
    }

    [Fact]
    public async Task A_missing_node_is_caught()
    {
        await using var s = await TwoCheckpointsAsync();

        // The registry refuses to open a tree that ends inside a leaf's run; the audit reports it.
        var report = await s.AuditClosedAsync(c => LedgerScenario.Exec(c, "DELETE FROM ledger_nodes WHERE pos = (SELECT MAX(pos) FROM ledger_nodes)"), reopen: false);
        Assert.Contains(report.Problems, p => p.StartsWith("ledger_nodes:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UPDATE records SET quantity = '1' WHERE id = 1")]
    [InlineData("UPDATE records SET occurred_at = occurred_at + 1 WHERE id = 1")]
    [InlineData("UPDATE records SET version = 2 WHERE id = 1")]
    [InlineData("UPDATE records SET source_record_id = 'Z-2' WHERE id = 1")]
    [InlineData("UPDATE records SET subject = '11010519491231002X' WHERE id = 1")]
    [InlineData("UPDATE records SET note = 'ａ' WHERE id = 1")]
    public async Task Every_change_to_a_record_version_is_caught(string sql)
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, sql));
        Assert.Contains(problems, p => p.Contains("records row intermediate-court/Z-1/1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UPDATE decisions SET allowed = 1 - allowed")]
    [InlineData("UPDATE decisions SET reasons = replace(reasons, 'LISTED', 'NOTED')")]
    [InlineData("UPDATE decisions SET measures = measures || ' extra'")]
    [InlineData("UPDATE decisions SET purpose = 'other'")]
    [InlineData("UPDATE decisions SET decided_at = decided_at - 10000000")]
    public async Task Every_change_to_a_decision_is_caught(string sql)
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, sql));
        Assert.Contains(problems, p => p.Contains("the decisions row", StringComparison.Ordinal)
            && (p.Contains("no longer matches", StringComparison.Ordinal) || p.Contains("is damaged", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_decision_that_no_longer_reads_is_reported_against_its_entry()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE decisions SET reasons = '{not json'"));
        Assert.Contains(problems, p => p.Contains("the decisions row", StringComparison.Ordinal) && p.Contains("is damaged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("UPDATE access_log SET detail = 'x' WHERE action = 'subject.read'")]
    [InlineData("UPDATE access_log SET outcome = 3 WHERE action = 'subject.read'")]
    [InlineData("UPDATE access_log SET principal_id = NULL WHERE action = 'subject.read'")]
    [InlineData("UPDATE access_log SET purpose = 'x' WHERE action = 'subject.read'")]
    public async Task Every_change_to_an_access_event_is_caught(string sql)
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, sql));
        Assert.Contains(problems, p => p.Contains("the access_log row", StringComparison.Ordinal) && p.Contains("no longer matches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_record_version_is_caught()
    {
        var problems = await TamperedAsync(c =>
        {
            LedgerScenario.Exec(c, "PRAGMA foreign_keys = OFF");
            LedgerScenario.Exec(c, "DELETE FROM records");
        });
        Assert.Contains(problems, p => p.EndsWith("the records row intermediate-court/Z-1/1 it covers is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_record_version_slipped_in_without_its_entry_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c,
            "INSERT INTO records (source, source_record_id, version, action, subject, type, area, occurred_at, reported_at) " +
            "SELECT source, source_record_id, 2, 3, subject, type, area, occurred_at, reported_at FROM records WHERE id = 1"));
        Assert.Contains("records row intermediate-court/Z-1/2: has no ledger entry", problems);
    }

    [Fact]
    public async Task An_entry_pointed_at_another_row_is_caught()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE ledger_entries SET row_key = 'intermediate-court/Z-1/2' WHERE kind = 1"));
        Assert.Contains(problems, p => p.EndsWith("the records row intermediate-court/Z-1/2 it covers is missing", StringComparison.Ordinal));
        Assert.Contains("records row intermediate-court/Z-1/1: has no ledger entry", problems);
    }

    [Fact]
    public async Task A_format_1_entry_is_reported_as_one_the_audit_cannot_rebuild()
    {
        var problems = await TamperedAsync(c => LedgerScenario.Exec(c, "UPDATE ledger_entries SET bytes = CAST(x'01' || substr(bytes, 2) AS BLOB), leaf_hash = zeroblob(32) WHERE idx = 0"));
        Assert.Contains(problems, p => p.StartsWith("ledger entry 0: format version 1", StringComparison.Ordinal));
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
