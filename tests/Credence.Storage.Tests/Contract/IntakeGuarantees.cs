using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Intake;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Intake's guarantees as they rest on the store: each line's fate in line order, idempotency of a
/// resent line (also after a restart), conflicts refused, and only what was accepted stored, ledgered
/// and scored.
/// </summary>
public abstract class IntakeGuarantees(StoreKind kind) : RegistryContract(kind)
{
    [Fact]
    public async Task A_batch_reports_each_lines_fate_in_line_order_and_stores_only_the_accepted_ones()
    {
        var court = await CourtAsync();
        (await Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-0"))).GetValueOrThrow();
        var batch = (await Registry.Intake.SubmitAsync(court,
        [
            new NumberedLine(1, Lines.Defaulter(Ids.Alice, "Z-1"), null),
            new NumberedLine(2, Lines.Defaulter(Ids.Bob, "Z-0"), null),
            new NumberedLine(3, null, new IntakeProblem("malformed-json", string.Empty, "bad")),
            new NumberedLine(5, Lines.Defaulter(Ids.Bob, "Z-0") with { LegalBasis = "changed" }, null),
            new NumberedLine(6, Lines.Performed(Ids.Alice, "Z-2"), null),
            new NumberedLine(7, Lines.Performed(Ids.Alice, "Z-2"), null),
            new NumberedLine(8, Lines.Withdrawal(Lines.Defaulter(Ids.Alice, "Z-1")), null),
            new NumberedLine(9, Lines.Withdrawal(Lines.Defaulter(Ids.Alice, "Z-9")), null),
            new NumberedLine(10, Lines.Withdrawal(Lines.Defaulter(Ids.Alice, "Z-1"), version: 3), null),
        ])).GetValueOrThrow();

        Assert.Equal(
            [(1, FateKind.Accepted, null), (2, FateKind.Duplicate, null), (3, FateKind.Rejected, "malformed-json"), (5, FateKind.Rejected, ProblemTypes.Conflict),
             (6, FateKind.Accepted, null), (7, FateKind.Duplicate, null), (8, FateKind.Accepted, null), (9, FateKind.Rejected, ProblemTypes.NotFound), (10, FateKind.Rejected, ProblemTypes.Conflict)],
            batch.Fates.Select(f => (f.Line, f.Fate, f.Problem?.Type)));
        Assert.Equal((3, 2, 4), (batch.Accepted, batch.Duplicates, batch.Rejected));
        Assert.Equal(4, (await ReadAsync(r => r.Counts(Clock.GetUtcNow()))).RecordVersions);
        Assert.Equal([1, 2], (await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Alice)))).Where(r => r.Key.SourceRecordId == "Z-1").Select(r => r.Version).Order());
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_resent_line_is_one_record_before_and_after_a_restart_and_a_changed_one_is_a_conflict()
    {
        var court = await CourtAsync();
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        Assert.Equal(FateKind.Accepted, (await Registry.Intake.SubmitAsync(court, line)).GetValueOrThrow().Fate);
        var reported = (await ReadAsync(r => r.FindRecordVersion(new("intermediate-court", "Z-1"), 1)))!.ReportedAt;
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(FateKind.Duplicate, (await Registry.Intake.SubmitAsync(court, line)).GetValueOrThrow().Fate);

        await ReopenAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(FateKind.Duplicate, (await Registry.Intake.SubmitAsync(court, line)).GetValueOrThrow().Fate);
        Assert.Equal(ProblemTypes.Conflict, (await Registry.Intake.SubmitAsync(court, line with { Occurred = "2026-05-02T00:00:00Z" })).Problem!.Type);
        Assert.Equal(ProblemTypes.Conflict, (await Registry.Intake.SubmitAsync(court, line with { LegalBasis = "(2026) Enforcement No. Z-2" })).Problem!.Type);

        // The first report stands: its instant was not moved by the resends.
        Assert.Equal(reported, (await ReadAsync(r => r.FindRecordVersion(new("intermediate-court", "Z-1"), 1)))!.ReportedAt);
        Assert.Single(await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob))));
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_large_batch_over_many_subjects_is_stored_scored_and_ledgered_whole()
    {
        var court = await CourtAsync();
        var lines = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? Lines.Performed(Ids.Person(i % 150), "P-" + i) : Lines.Defaulter(Ids.Person(i % 150), "D-" + i)).ToList();
        var batch = (await Registry.Intake.SubmitBatchAsync(court, lines)).GetValueOrThrow();
        Assert.Equal(600, batch.Accepted);
        Assert.Equal(Enumerable.Range(1, 600), batch.Fates.Select(f => f.Line));

        var counts = await ReadAsync(r => r.Counts(Clock.GetUtcNow()));
        Assert.Equal((150L, 600L), (counts.Subjects, counts.RecordVersions));
        // A third of the subjects (those with a number divisible by 3) have only performed judgments: not listed.
        Assert.Equal(100, counts.Lists.Sum(l => l.Subjects));
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }
}
