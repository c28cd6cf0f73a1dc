using Microsoft.Extensions.Time.Testing;
using Credence.Ledger.Checkpoints;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Credence.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests.Postgres;

/// <summary>
/// <c>credence verify</c>'s audit catches the same tampering on the PostgreSQL store as on the SQLite
/// store: the same story (a record, a decision, a read of the subject's file, two signed checkpoints)
/// is kept on both, the same change is made behind the registry's back, and both audits report it the
/// same way (the same number of problems, each kind of tampering named).
/// </summary>
/// <remarks>
/// Implementation note: the story is told once on each store (<see cref="Story"/>) and each test tampers with copies
/// of its own: a copy of the SQLite file, and a PostgreSQL database made from the story's as a template.
/// </remarks>
public sealed class SameTamperingCaughtOnBothStoresTests(SameTamperingCaughtOnBothStoresTests.Story story) : IClassFixture<SameTamperingCaughtOnBothStoresTests.Story>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly List<PostgresDatabase> databases = [];

    public void Dispose()
    {
        foreach (var database in databases)
        {
            database.Dispose();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public async Task An_untouched_store_is_consistent_on_both()
    {
        var (sqlite, postgres) = await AuditBothAsync(null, null);
        Assert.Empty(sqlite.Problems);
        Assert.Empty(postgres.Problems);
        Assert.Equal((2, 2), (sqlite.Checkpoints, postgres.Checkpoints));
        Assert.Equal(sqlite.Entries, postgres.Entries);
    }

    [PostgresFact]
    public Task An_edited_record_is_caught_on_both() =>
        CaughtAsync("UPDATE records SET legal_basis = 'nothing' WHERE id = 1", p => p.Contains("records row intermediate-court/Z-1/1 no longer matches", StringComparison.Ordinal));

    [PostgresFact]
    public Task A_record_moved_to_another_subject_is_caught_on_both() =>
        CaughtAsync($"UPDATE records SET subject = '{Ids.Alice}' WHERE id = 1", p => p.Contains("records row intermediate-court/Z-1/1 no longer matches", StringComparison.Ordinal));

    [PostgresFact]
    public Task A_deleted_decision_is_caught_on_both() =>
        CaughtAsync("DELETE FROM decisions", p => p.Contains("the decisions row", StringComparison.Ordinal) && p.Contains("is missing", StringComparison.Ordinal));

    [PostgresFact]
    public Task A_refusal_rewritten_as_an_allowance_is_caught_on_both() =>
        CaughtAsync("UPDATE decisions SET allowed = 1, reasons = '[]'", p => p.Contains("decisions row", StringComparison.Ordinal) && p.Contains("no longer matches", StringComparison.Ordinal),
            "UPDATE decisions SET allowed = true, reasons = '[]'");

    [PostgresFact]
    public Task A_deleted_access_event_is_caught_on_both() =>
        CaughtAsync("DELETE FROM access_log WHERE action = 'subject.read'", p => p.Contains("the access_log row", StringComparison.Ordinal) && p.Contains("is missing", StringComparison.Ordinal));

    [PostgresFact]
    public Task A_row_slipped_in_without_its_entry_is_caught_on_both() =>
        CaughtAsync(
            "INSERT INTO access_log (at, principal, action, subject, outcome) VALUES (0, 'nobody', 'subject.read', '440524188001010014', 0)",
            p => p.StartsWith("access_log row ", StringComparison.Ordinal) && p.EndsWith("has no ledger entry", StringComparison.Ordinal));

    [PostgresFact]
    public Task An_entry_hidden_from_its_subject_is_caught_on_both() =>
        CaughtAsync("UPDATE ledger_entries SET subject = NULL WHERE kind = 2",
            p => p.EndsWith("its subject column is not the commitment in its bytes (the subject would not find it)", StringComparison.Ordinal));

    [PostgresFact]
    public Task Garbage_entry_bytes_are_caught_on_both() =>
        CaughtAsync("UPDATE ledger_entries SET bytes = x'0102' WHERE idx = 3",
            p => p.StartsWith("ledger entry 3: not a canonical entry", StringComparison.Ordinal),
            "UPDATE ledger_entries SET bytes = '\\x0102'::bytea WHERE idx = 3");

    [PostgresFact]
    public Task Reordered_entries_are_caught_on_both() =>
        CaughtAsync(
            "UPDATE ledger_entries SET idx = -1 WHERE idx = 0; UPDATE ledger_entries SET idx = 0 WHERE idx = 1; UPDATE ledger_entries SET idx = 1 WHERE idx = -1",
            p => p.StartsWith("ledger_nodes: the stored tree's root", StringComparison.Ordinal));

    [PostgresFact]
    public Task A_deleted_node_is_caught_on_both() =>
        CaughtAsync("DELETE FROM ledger_nodes WHERE pos = (SELECT MAX(pos) FROM ledger_nodes)", p => p.Contains("ledger_nodes", StringComparison.Ordinal));

    [PostgresFact]
    public Task An_altered_checkpoint_is_caught_on_both() =>
        CaughtAsync("UPDATE checkpoints SET note = replace(note, 'credence/registry', 'credence/other') WHERE id = 2",
            p => p.StartsWith("checkpoint 2", StringComparison.Ordinal) && p.Contains("signature does not verify", StringComparison.Ordinal));

    [PostgresFact]
    public Task A_checkpoint_whose_root_was_swapped_is_caught_on_both() =>
        CaughtAsync("UPDATE checkpoints SET root = (SELECT root FROM checkpoints WHERE id = 1) WHERE id = 2",
            p => p.StartsWith("checkpoint 2", StringComparison.Ordinal) && p.Contains("does not say the size and root stored beside it", StringComparison.Ordinal));

    private async Task CaughtAsync(string sql, Func<string, bool> named, string? postgresSql = null)
    {
        var (sqlite, postgres) = await AuditBothAsync(sql, postgresSql ?? sql);
        Assert.Contains(sqlite.Problems, p => named(p));
        Assert.Contains(postgres.Problems, p => named(p));
        Assert.Equal(sqlite.Problems.Count, postgres.Problems.Count);
    }

    private async Task<(LedgerAuditReport Sqlite, LedgerAuditReport Postgres)> AuditBothAsync(string? sqliteSql, string? postgresSql)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
        File.Copy(story.SqliteFile, path);
        if (File.Exists(story.SqliteFile + "-wal"))
        {
            File.Copy(story.SqliteFile + "-wal", path + "-wal");
        }

        if (sqliteSql is not null)
        {
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            c.Open();
            using var command = c.CreateCommand();
            command.CommandText = sqliteSql;
            command.ExecuteNonQuery();
        }

        var database = story.Database.Copy();
        databases.Add(database);
        if (postgresSql is not null)
        {
            database.Execute(postgresSql);
        }

        return (await LedgerAudit.RunAsync(StoreChoice.File(path), story.Verifier), await LedgerAudit.RunAsync(StoreChoice.Database(database.ConnectionString), story.Verifier));
    }

    /// <summary>The story, told once on a SQLite file and once in a PostgreSQL database, each closed, with the key its checkpoints are signed with.</summary>
    public sealed class Story : IAsyncLifetime
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
        private readonly CheckpointSigner key = CheckpointSigner.FromPrivateKey(CheckpointSigner.GenerateKey("credence/registry").PrivateKey);
        private PostgresDatabase? database;

        public string SqliteFile => Path.Combine(folder, "story.db");

        internal PostgresDatabase Database => database ?? throw new InvalidOperationException("the story is not told");

        public NoteVerifierKey Verifier => key.VerifierKey;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(folder);
            await TellAsync(StoreChoice.File(SqliteFile), key);
            SqliteConnection.ClearAllPools();
            database = PostgresDatabase.Create();
            await TellAsync(StoreChoice.Database(database.ConnectionString), key);
        }

        public Task DisposeAsync()
        {
            database?.Dispose();
            key.Dispose();
            Directory.Delete(folder, recursive: true);
            return Task.CompletedTask;
        }

        private static async Task TellAsync(StoreChoice store, CheckpointSigner signer)
        {
            var clock = new FakeTimeProvider(TestRegistry.Start);
            await using var registry = CredenceRegistry.Open(store, clock);
            var op = Principal.LocalOperator("test-operator");
            var tag = (await registry.Policies.UploadAsync(op, TestRegistry.PolicyText("rongcheng-persons.yaml"), "rongcheng-persons.yaml")).GetValueOrThrow().Policy.Tag;
            await registry.SignOffAsync(tag);
            (await registry.Policies.ActivateAsync(op, tag, null)).GetValueOrThrow();
            async Task<Principal> Key(Principals.PrincipalRegistration registration) => (await registry.Principals.CreateKeyAsync(op, registration)).GetValueOrThrow().Principal;
            var court = await Key(new(Role.Source, "intermediate-court", RecordTypes: ["judgment-defaulter"]));
            var rail = await Key(new(Role.RelyingParty, "china-railway", Capabilities: ["rail.g-train.ticket"], Purpose: "ticket sales"));
            (await registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
            clock.Advance(TimeSpan.FromMinutes(5));
            (await registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
            var ledger = registry.Ledger(signer, "credence/registry", TimeSpan.FromMinutes(1));
            await ledger.SignAsync();
            var bob = await Key(new(Role.Subject, "bob", Subject: Ids.Bob));
            (await registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
            await ledger.SignAsync();
        }
    }
}
