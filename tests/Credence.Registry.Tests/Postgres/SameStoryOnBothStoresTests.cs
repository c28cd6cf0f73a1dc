using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using Credence.Core.Intake;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Credence.Registry.Ledger;
using Credence.Registry.Storage;
using Credence.Registry.Storage.Postgres;
using Credence.Registry.Storage.Sqlite;

namespace Credence.Registry.Tests.Postgres;

/// <summary>
/// The same due-process story told through the use cases on the SQLite store and on the PostgreSQL
/// store must read back the same, line for line: fates, decisions, disputes, the scheduler's
/// resolution, records, listings, notices, marks, counts, the public list and the access log.
/// </summary>
public sealed partial class SameStoryOnBothStoresTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly Lazy<PostgresDatabase> database = new(PostgresDatabase.Create);

    public void Dispose()
    {
        if (database.IsValueCreated)
        {
            database.Value.Dispose();
        }

        if (Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public async Task A_dispute_story_reads_back_the_same_on_sqlite_and_postgres()
    {
        var onSqlite = await TellAsync(clock => SqliteRegistryStore.Open(Path.Combine(folder, "r.db"), clock));
        var onPostgres = await TellAsync(clock => PostgresRegistryStore.Open(database.Value.ConnectionString, clock));
        Assert.True(onSqlite.Count > 40, "the story says enough to compare");
        Assert.Contains("audit: ", onPostgres);
        for (var i = 0; i < Math.Min(onSqlite.Count, onPostgres.Count); i++)
        {
            Assert.Equal(onSqlite[i], onPostgres[i]);
        }

        Assert.Equal(onSqlite.Count, onPostgres.Count);
    }

    private static async Task<List<string>> TellAsync(Func<TimeProvider, IRegistryStore> open)
    {
        var clock = new FakeTimeProvider(TestRegistry.Start);
        var said = new List<string>();
        // Decision, dispute and repair ids are fresh GUIDs in each run: the story compares everything else.
        void Say(string what, object? value) =>
            // A simulation report holds its own random id, so its digest differs from run to run: both are normalised.
            said.Add(ReportDigestPattern().Replace(GuidPattern().Replace(what + ": " + Convert.ToString(value, CultureInfo.InvariantCulture), "<id>"), "report$1 <digest>"));

        await using var registry = new CredenceRegistry(open(clock), clock);
        var op = Principal.LocalOperator("test-operator");
        foreach (var policy in new[] { "rongcheng-persons.yaml", "organisations.yaml" })
        {
            var tag = (await registry.Policies.UploadAsync(op, TestRegistry.PolicyText(policy), policy)).GetValueOrThrow().Policy.Tag;
            await registry.SignOffAsync(tag);
            (await registry.Policies.ActivateAsync(op, tag, null)).GetValueOrThrow();
        }

        async Task<Principal> Key(Access.Role role, string name, string? subject = null, string[]? types = null, string[]? capabilities = null, string? purpose = null) =>
            (await registry.Principals.CreateKeyAsync(op, new Principals.PrincipalRegistration(role, name, Subject: subject, RecordTypes: types, Capabilities: capabilities, Purpose: purpose)))
                .GetValueOrThrow().Principal;

        var court = await Key(Access.Role.Source, "intermediate-court", types: ["judgment-defaulter", "judgment-performed", "late-credit-card-payment"]);
        var bob = await Key(Access.Role.Subject, "bob", Ids.Bob);
        var airline = await Key(Access.Role.RelyingParty, "airline", capabilities: ["air.ticket"], purpose: "selling air tickets");

        clock.Advance(TimeSpan.FromMinutes(1));
        var card = Lines.LateCard(Ids.Bob, "L-1");
        RecordLine[] batch =
        [
            Lines.Defaulter(Ids.Bob, "Z-1"),
            card,
            Lines.Defaulter(Ids.Bob, "Z-1"),
            Lines.Defaulter(Ids.Bob, "Z-1", "2026-05-02T00:00:00Z"),
            Lines.Correction(card),
            Lines.Withdrawal(Lines.Defaulter(Ids.Alice, "Z-9")),
            Lines.Defaulter(Ids.Alice, "Z-2"),
        ];
        var fates = (await registry.Intake.SubmitBatchAsync(court, batch)).GetValueOrThrow();
        foreach (var f in fates.Fates)
        {
            Say("fate", $"{f.Line} {f.Fate} {f.Record} v{f.Version} {f.Problem?.Type}");
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var refused = (await registry.Decisions.DecideAsync(airline, Ids.Bob, "air.ticket")).GetValueOrThrow();
        Say("decision", $"{refused.Answer} {string.Join(",", refused.Reasons.Select(r => r.Code))} {refused.PolicyVersion} {refused.DecidedAt:O}");
        Say("public list", Describe((await registry.Public.ListAsync("court-defaulters")).GetValueOrThrow()));

        clock.Advance(TimeSpan.FromMinutes(1));
        var dispute = (await registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", "证据")).GetValueOrThrow();
        Say("dispute", $"{dispute.State} {dispute.OpenedAt:O} {dispute.DueAt:O}");
        Say("source's open disputes", (await registry.Store.ReadAsync(r => r.SourceDisputes("intermediate-court", true, 10))).Count);

        clock.AdjustTime(dispute.DueAt.AddHours(1));
        Say("scheduler", await registry.Scheduler.RunDueAsync());
        var resolved = Assert.Single(await registry.Store.ReadAsync(r => r.SubjectDisputes(Ids.Bob)));
        Say("resolved", $"{resolved.State} {resolved.ClosedAt:O} v{resolved.AnswerVersion}");
        Say("source's closed disputes", (await registry.Store.ReadAsync(r => r.SourceDisputes("intermediate-court", false, 10))).Count);

        var allowed = (await registry.Decisions.DecideAsync(airline, Ids.Bob, "air.ticket")).GetValueOrThrow();
        Say("decision after", $"{allowed.Answer} {allowed.DecidedAt:O}");
        Say("public list after", Describe((await registry.Public.ListAsync("court-defaulters")).GetValueOrThrow()));

        var file = (await registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
        Say("assessment", $"{file.Assessment?.Status} {file.Assessment?.Score} {file.Assessment?.Grade}");
        foreach (var r in file.Records.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ThenBy(r => r.Version))
        {
            Say("record", $"{r.Key} v{r.Version} {r.Action} {r.Type} {r.OccurredAt:O} {r.ReportedAt:O} {r.LegalBasis} {r.Quantity} {r.Note}");
        }

        foreach (var l in await registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false)))
        {
            Say("listing", $"{l.List} {l.PolicyTag} {l.Published} {l.Since:O} {l.Until:O} {l.EndedAt:O}");
        }

        foreach (var n in await registry.Store.ReadAsync(r => r.SubjectNotices(Ids.Bob, 50)))
        {
            Say("notice", $"{n.Kind} {n.At:O} {n.PolicyVersion} {n.Title} {n.About?.Kind} {n.Reasons.Length} {n.NextSteps.Length}");
        }

        foreach (var m in await registry.Store.ReadAsync(r => r.SubjectDecisionMarks(Ids.Bob)))
        {
            Say("mark", $"{m.DecisionId == refused.Id} {m.MarkedAt:O} {m.Cause} {m.RelyingParty} {m.CorrectedAllowed} {string.Join(",", m.WrongRecords)}");
        }

        foreach (var s in await registry.Store.ReadAsync(r => r.SubjectCaseSteps(Ids.Bob, 50)))
        {
            Say("case step", $"{s.At:O} {s.CaseKind} {s.Step} {s.Actor} {s.Record} {s.Detail}");
        }

        var counts = await registry.Store.ReadAsync(r => r.Counts(clock.GetUtcNow()));
        Say("counts", $"{counts.Subjects} {counts.RecordVersions} {counts.Decisions} {counts.DueProcess}");
        Say("grades", string.Join("; ", counts.Grades));
        Say("lists", string.Join("; ", counts.Lists));
        Say("state", await registry.Store.ReadAsync(r => r.FindSubjectState(Ids.Bob)) is { } st ? $"{st.Status} {st.Score} {st.Grade} {string.Join(",", st.Lists)} {st.EvaluatedAt:O} {st.ReviewAt:O}" : "none");
        Say("scheduler after", (await registry.Store.ReadAsync(r => r.SchedulerAfter()))?.ToString("O", CultureInfo.InvariantCulture));
        Say("next review", (await registry.Store.ReadAsync(r => r.NextReviewAt()))?.ToString("O", CultureInfo.InvariantCulture));
        foreach (var e in await registry.Store.ReadAsync(r => r.AccessLog(0, 1000)))
        {
            Say("access", $"{e.Id} {e.At:O} {e.Principal} {e.Role} {e.Action} {e.Subject} {e.Purpose} {e.Outcome} {e.Detail}");
        }

        // Every covered row took its entry, in the same order on both stores, and each entry's digest is
        // its row's as the store reads it back (the rows themselves were compared above).
        Say("audit", string.Join("; ", (await registry.Store.ReadAsync(r => LedgerAudit.Run(r.Ledger, null))).Problems));
        var size = await registry.Store.ReadAsync(r => r.Ledger.Size());
        Say("ledger size", size);
        for (var i = 0L; i < size; i++)
        {
            var entry = (await registry.Store.ReadAsync(r => r.Ledger.Entry(i)))!;
            Say("ledger entry", $"{entry.Index} {entry.Kind} {entry.RowKey} {entry.Entry.At:O} {entry.Entry.Actor} {entry.Entry.Action} {entry.Entry.PolicyTag}");
        }

        return said;
    }

    [System.Text.RegularExpressions.GeneratedRegex("report( <id>)? sha256:[0-9a-f]{64}")]
    private static partial System.Text.RegularExpressions.Regex ReportDigestPattern();

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial System.Text.RegularExpressions.Regex GuidPattern();

    private static string Describe(Public.PublicList list) =>
        $"{list.Total} " + string.Join(",", list.Entries.Select(e => $"{e.Subject} {e.Since:O} {e.Until:O}"));
}
