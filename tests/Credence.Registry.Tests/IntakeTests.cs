using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Intake;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests;

public class IntakeTests
{
    [Fact]
    public async Task An_accepted_record_is_stored_with_the_registry_clock_and_the_key_source()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var fate = (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        Assert.Equal(FateKind.Accepted, fate.Fate);
        Assert.Equal("intermediate-court/Z-1", fate.Record);

        var stored = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectRecords(Core.Identifiers.SubjectIdentifiers.Parse(Ids.Bob, DateOnly.MaxValue))));
        Assert.Equal(new RecordKey("intermediate-court", "Z-1"), stored.Key);
        Assert.Equal(TestRegistry.Start, stored.ReportedAt);
    }

    [Fact]
    public async Task The_same_record_twice_is_one_record_and_a_different_payload_is_a_conflict()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        Assert.Equal(FateKind.Accepted, (await t.Registry.Intake.SubmitAsync(court, line)).Value!.Fate);
        t.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(FateKind.Duplicate, (await t.Registry.Intake.SubmitAsync(court, line)).Value!.Fate);

        var conflict = await t.Registry.Intake.SubmitAsync(court, line with { LegalBasis = "another case" });
        Assert.Equal(ProblemTypes.Conflict, conflict.Problem!.Type);
        Assert.Equal(1, (await t.Registry.Store.ReadAsync(r => r.Counts(t.Clock.GetUtcNow()))).RecordVersions);
    }

    [Fact]
    public async Task Only_the_submitting_source_can_correct_or_withdraw_a_record()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var other = await t.SourceAsync("other-court", "judgment-defaulter");
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        await t.Registry.Intake.SubmitAsync(court, line);

        var foreign = await t.Registry.Intake.SubmitAsync(other, Lines.Withdrawal(line));
        Assert.Equal(ProblemTypes.NotFound, foreign.Problem!.Type);

        var own = await t.Registry.Intake.SubmitAsync(court, Lines.Withdrawal(line));
        Assert.Equal(FateKind.Accepted, own.Value!.Fate);
    }

    [Fact]
    public async Task Corrections_follow_the_chain_keep_the_subject_and_nothing_follows_a_withdrawal()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var line = Lines.Defaulter(Ids.Bob, "Z-1");
        await t.Registry.Intake.SubmitAsync(court, line);

        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Intake.SubmitAsync(court, Lines.Correction(line, version: 3))).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await t.Registry.Intake.SubmitAsync(court, Lines.Correction(line) with { Subject = Ids.Alice })).Problem!.Type);
        Assert.Equal(FateKind.Accepted, (await t.Registry.Intake.SubmitAsync(court, Lines.Correction(line) with { LegalBasis = "corrected basis" })).Value!.Fate);
        Assert.Equal(FateKind.Accepted, (await t.Registry.Intake.SubmitAsync(court, Lines.Withdrawal(line, version: 3))).Value!.Fate);
        Assert.Equal(ProblemTypes.Conflict, (await t.Registry.Intake.SubmitAsync(court, Lines.Correction(line, version: 4))).Problem!.Type);
    }

    public static TheoryData<string, RecordLine> BadLines => new()
    {
        { "missing-field", Lines.Defaulter(Ids.Bob, "x") with { Subject = null } },
        { "invalid-identifier", Lines.Defaulter("110105194912310021", "x") },
        { "bad-instant", Lines.Defaulter(Ids.Bob, "x", occurred: "yesterday") },
        { "future-instant", Lines.Defaulter(Ids.Bob, "x", occurred: "2026-06-02T00:00:00Z") },
        { "bad-value", Lines.Defaulter(Ids.Bob, "x") with { Area = "moral" } },
        { "unknown-record-type", Lines.Defaulter(Ids.Bob, "x") with { Type = "jaywalking" } },
        { "area-mismatch", Lines.Defaulter(Ids.Bob, "x") with { Area = "social" } },
        { "missing-legal-basis", Lines.Defaulter(Ids.Bob, "x") with { LegalBasis = " " } },
        { "subject-kind-mismatch", Lines.TaxEvasion(Ids.Bob, "x") with { Type = "food-safety-violation" } },
        { "protected-matter", Lines.Defaulter(Ids.Bob, "x") with { Type = "church-attendance" } },
        { "type-not-permitted", Lines.LateCard(Ids.Bob, "x") },
        { "forbidden", Lines.Defaulter(Ids.Bob, "x") with { Source = "someone-else" } },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task Every_bad_line_is_refused_with_its_stable_type_and_nothing_is_stored(string type, RecordLine line)
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.SourceAsync("intermediate-court", "judgment-defaulter", "food-safety-violation", "jaywalking");
        var outcome = await t.Registry.Intake.SubmitAsync(court, line);
        Assert.Equal(type, outcome.Problem?.Type);
        Assert.Equal(0, (await t.Registry.Store.ReadAsync(r => r.Counts(t.Clock.GetUtcNow()))).RecordVersions);
    }

    [Fact]
    public async Task Records_about_a_kind_without_an_active_policy_are_refused()
    {
        await using var t = await TestRegistry.CreateAsync(policies: false);
        await t.ActivateAsync("rongcheng-persons.yaml");
        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        var outcome = await t.Registry.Intake.SubmitAsync(tax, Lines.TaxEvasion(Ids.Acme, "T-1"));
        Assert.Equal(ProblemTypes.NoActivePolicy, outcome.Problem!.Type);
    }

    [Fact]
    public async Task Only_sources_submit_and_the_refusal_is_logged()
    {
        await using var t = await TestRegistry.CreateAsync();
        var auditor = await t.RoleAsync(Role.Auditor, "auditor-1");
        var outcome = await t.Registry.Intake.SubmitBatchAsync(auditor, [Lines.Defaulter(Ids.Bob, "Z-1")]);
        Assert.Equal(ProblemTypes.Forbidden, outcome.Problem!.Type);
        var logged = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 100)))[^1];
        Assert.Equal(("auditor-1", AccessOutcome.Forbidden, "records.submit"), (logged.Principal, logged.Outcome, logged.Action));
    }

    [Fact]
    public async Task Every_line_of_a_batch_gets_a_fate_and_the_accepted_lines_are_stored()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-0"));
        var batch = (await t.Registry.Intake.SubmitAsync(court,
        [
            new NumberedLine(1, Lines.Defaulter(Ids.Alice, "Z-1"), null),
            new NumberedLine(2, Lines.Defaulter(Ids.Bob, "Z-0"), null),
            new NumberedLine(3, null, new IntakeProblem("malformed-json", string.Empty, "bad")),
            new NumberedLine(5, Lines.Defaulter(Ids.Bob, "Z-0") with { LegalBasis = "changed" }, null),
            new NumberedLine(6, Lines.Performed(Ids.Alice, "Z-2"), null),
            new NumberedLine(7, Lines.Performed(Ids.Alice, "Z-2"), null),
        ])).GetValueOrThrow();

        Assert.Equal([FateKind.Accepted, FateKind.Duplicate, FateKind.Rejected, FateKind.Rejected, FateKind.Accepted, FateKind.Duplicate], batch.Fates.Select(f => f.Fate));
        Assert.Equal([1, 2, 3, 5, 6, 7], batch.Fates.Select(f => f.Line));
        Assert.Equal(["malformed-json", "conflict"], batch.Fates.Where(f => f.Problem is not null).Select(f => f.Problem!.Type));
        Assert.Equal((2, 2, 2), (batch.Accepted, batch.Duplicates, batch.Rejected));
        Assert.Equal(3, (await t.Registry.Store.ReadAsync(r => r.Counts(t.Clock.GetUtcNow()))).RecordVersions);
    }

    [Fact]
    public async Task A_batch_that_fails_in_the_store_leaves_nothing_behind()
    {
        var folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestRegistry.Start);
        await using (var registry = new CredenceRegistry(new FailingStore(Storage.Sqlite.SqliteRegistryStore.Open(Path.Combine(folder, "r.db"), clock), failAfterInserts: 2), clock))
        {
            var op = Principal.LocalOperator();
            var tag = (await registry.Policies.UploadAsync(op, TestRegistry.PolicyText("rongcheng-persons.yaml"))).GetValueOrThrow().Policy.Tag;
            await registry.SignOffAsync(tag);
            await registry.Policies.ActivateAsync(op, tag);
            var court = (await registry.Principals.CreateKeyAsync(op, new Principals.PrincipalRegistration(Role.Source, "court", RecordTypes: ["judgment-defaulter"]))).GetValueOrThrow().Principal;

            await Assert.ThrowsAsync<IOException>(() => registry.Intake.SubmitBatchAsync(court,
                [Lines.Defaulter(Ids.Alice, "1"), Lines.Defaulter(Ids.Bob, "2"), Lines.Defaulter(Ids.Carol, "3")]));
            var counts = await registry.Store.ReadAsync(r => r.Counts(clock.GetUtcNow()));
            Assert.Equal((0, 0), (counts.RecordVersions, counts.Subjects));
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Accepted_records_rescore_their_subjects_and_update_listings()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));

        var state = (await t.Registry.Store.ReadAsync(r => r.FindSubjectState(Ids.Bob)))!;
        Assert.Equal(("rongcheng-persons@2026.1", 900, "B"), (state.PolicyTag, state.Score, state.Grade));
        Assert.Equal("court-defaulters", Assert.Single(state.Lists));
        var listing = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: true)));
        Assert.Equal(new DateTimeOffset(2028, 5, 1, 0, 0, 0, TimeSpan.Zero), listing.Until);

        t.Clock.Advance(TimeSpan.FromDays(1));
        await t.Registry.Intake.SubmitAsync(court, Lines.Performed(Ids.Bob, "Z-2"));
        Assert.Empty(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: true)));
        var ended = Assert.Single(await t.Registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false)));
        Assert.Equal(t.Clock.GetUtcNow(), ended.EndedAt);
    }
}
