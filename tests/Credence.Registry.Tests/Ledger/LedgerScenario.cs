using Credence.Ledger.Checkpoints;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.Ledger;
using Microsoft.Data.Sqlite;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// A registry on a real SQLite file with a record, a decision and a read of Bob's file on the ledger,
/// and a ledger service with a fresh operator key.
/// </summary>
internal sealed class LedgerScenario : IAsyncDisposable
{
    private LedgerScenario(TestRegistry t, CheckpointKeyPair key)
    {
        T = t;
        Key = key;
        Signer = CheckpointSigner.FromPrivateKey(key.PrivateKey);
        Ledger = NewService();
    }

    public TestRegistry T { get; }

    public CheckpointKeyPair Key { get; }

    public CheckpointSigner Signer { get; }

    public LedgerService Ledger { get; private set; }

    public Decision Decision { get; private set; } = null!;

    public Principal Bob { get; private set; } = null!;

    public NoteVerifierKey Verifier => NoteVerifierKey.Parse(Key.VerifierKey);

    public static async Task<LedgerScenario> CreateAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var s = new LedgerScenario(t, CheckpointSigner.GenerateKey("credence/registry.db"));
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("china-railway", "ticket sales", "rail.g-train.ticket");
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        s.Decision = (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow();
        s.Bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        (await t.Registry.Subjects.ReadOwnAsync(s.Bob)).GetValueOrThrow();

        // The service starts now, as a server would: its first scheduled signing is one interval away.
        s.Ledger = s.NewService();
        return s;
    }

    public async Task ReopenAsync()
    {
        await T.ReopenAsync();
        Ledger = NewService();
    }

    /// <summary>Audits the file after closing the registry (so the audit sees exactly what is on disk).</summary>
    public async Task<LedgerAuditReport> AuditClosedAsync(Action<SqliteConnection>? tamper = null, bool reopen = true)
    {
        await T.Registry.DisposeAsync();
        if (tamper is not null)
        {
            using var c = Connect();
            tamper(c);
        }

        var report = await LedgerAudit.RunAsync(Storage.StoreChoice.File(T.DatabasePath), Verifier);
        if (!reopen)
        {
            return report;
        }

        await T.ReopenAsync();
        Ledger = NewService();
        return report;
    }

    public SqliteConnection Connect()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = T.DatabasePath, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public static void Exec(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Count(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        Signer.Dispose();
        await T.DisposeAsync();
    }

    private LedgerService NewService() =>
        new(T.Registry.Store, T.Clock, Signer, "credence/registry.db", TimeSpan.FromMinutes(1), T.Registry.Access);
}
