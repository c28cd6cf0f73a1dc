using Credence.Core.Explanations;
using Credence.Core.Intake;
using Credence.Registry;
using Credence.Registry.Intake;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// Writers racing on one subject: many concurrent units, and still one order. Every outcome is
/// explained by the units committed before it, and the subject's state is the one its records give.
/// </summary>
/// <remarks>
/// The clock moves a little at every reading, so each unit has an instant of its own; whether a
/// race is won by one writer or the other differs from run to run, and every test checks that
/// whatever happened is one order and consistent, never a particular winner.
/// </remarks>
public abstract class Races(StoreKind kind) : RegistryContract(kind)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    [Fact]
    public async Task Two_sources_and_a_relying_party_racing_on_one_subject_leave_one_order()
    {
        var court = await CourtAsync();
        var charity = await CharityAsync();
        var rail = await RailAsync();

        var submissions = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var outcome = i % 2 == 0
                ? await Registry.Intake.SubmitAsync(charity, Lines.Volunteering(Ids.Bob, "V-" + i))
                : await Registry.Intake.SubmitAsync(court, i == 21 ? Lines.Defaulter(Ids.Bob, "Z-21") : Lines.Breach(Ids.Bob, "B-" + i));
            return outcome.GetValueOrThrow();
        })).ToList();
        var decisions = Enumerable.Range(0, 30).Select(_ => Task.Run(async () => (await Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow())).ToList();

        Assert.All(await Task.WhenAll(submissions), f => Assert.Equal(FateKind.Accepted, f.Fate));
        var decided = await Task.WhenAll(decisions);

        var records = await ReadAsync(r => r.SubjectRecords(Rows.Subject(Ids.Bob)));
        Assert.Equal(40, records.Count);
        var listedFrom = records.Single(r => r.Key.SourceRecordId == "Z-21").ReportedAt;

        // Each decision saw exactly the records committed before it: refused once the defaulter record was in, allowed before.
        foreach (var d in decided)
        {
            Assert.True(d.DecidedAt < listedFrom ? d.Answer == DecisionAnswer.Allowed : d.Answer == DecisionAnswer.Denied,
                $"decision at {d.DecidedAt:O} answered {d.Answer}; the defaulter record was reported at {listedFrom:O}");
        }

        // Every instant is its unit's own, in one order: no two units at one instant, the ledger in that order.
        var instants = records.Select(r => r.ReportedAt).Concat(decided.Select(d => d.DecidedAt)).ToList();
        Assert.Equal(instants.Count, instants.Distinct().Count());
        Assert.Equal(decided.Length, (await ReadAsync(r => r.SubjectDecisions(Ids.Bob, 100))).Count);

        var state = (await ReadAsync(r => r.FindSubjectState(Ids.Bob)))!;
        var lastRecord = records.Max(r => r.ReportedAt);
        Assert.True(state.EvaluatedAt >= lastRecord, $"state evaluated at {state.EvaluatedAt:O}, before the last record at {lastRecord:O}");
        Assert.Equal(["court-defaulters"], state.Lists.ToArray());
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Two_writers_racing_on_one_version_one_wins_and_the_other_is_told_why()
    {
        var court = await CourtAsync();
        var pairs = Enumerable.Range(0, 20).Select(i =>
        {
            var a = Lines.Defaulter(Ids.Person(i), "Z-" + i);
            var b = i % 2 == 0 ? a with { LegalBasis = "another case " + i } : a;
            return (a, b, same: i % 2 != 0);
        }).ToList();

        var raced = await Task.WhenAll(pairs.Select(p => Task.WhenAll(
            Task.Run(async () => (await Registry.Intake.SubmitBatchAsync(court, [p.a])).GetValueOrThrow().Fates[0]),
            Task.Run(async () => (await Registry.Intake.SubmitBatchAsync(court, [p.b])).GetValueOrThrow().Fates[0]))));

        for (var i = 0; i < pairs.Count; i++)
        {
            var fates = raced[i].Select(f => (f.Fate, f.Problem?.Type)).Order().ToList();
            Assert.Equal(pairs[i].same ? [(FateKind.Accepted, null), (FateKind.Duplicate, null)] : [(FateKind.Accepted, null), (FateKind.Rejected, ProblemTypes.Conflict)], fates);

            // What is stored is the winner's line.
            var winner = raced[i][0].Fate == FateKind.Accepted ? pairs[i].a : pairs[i].b;
            var stored = (await ReadAsync(r => r.FindRecordVersion(new("intermediate-court", "Z-" + i), 1)))!;
            Assert.Equal(winner.LegalBasis, stored.LegalBasis);
        }

        Assert.Equal(20, (await ReadAsync(r => r.Counts(Clock.GetUtcNow()))).RecordVersions);
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task A_correction_racing_a_withdrawal_of_one_record_one_wins_and_the_state_follows_it()
    {
        var court = await CourtAsync();
        for (var i = 0; i < 10; i++)
        {
            var line = Lines.Defaulter(Ids.Person(i), "Z-" + i);
            (await Registry.Intake.SubmitAsync(court, line)).GetValueOrThrow();
        }

        var raced = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var line = Lines.Defaulter(Ids.Person(i), "Z-" + i);
            return Task.WhenAll(
                Task.Run(async () => (await Registry.Intake.SubmitBatchAsync(court, [Lines.Withdrawal(line)])).GetValueOrThrow().Fates[0]),
                Task.Run(async () => (await Registry.Intake.SubmitBatchAsync(court, [line with { Version = 2, Action = "corrected", LegalBasis = "corrected basis" }])).GetValueOrThrow().Fates[0]));
        }));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal([FateKind.Accepted, FateKind.Rejected], raced[i].Select(f => f.Fate).Order());
            var withdrawn = raced[i][0].Fate == FateKind.Accepted;
            var state = (await ReadAsync(r => r.FindSubjectState(Ids.Person(i))))!;
            Assert.Equal(withdrawn ? [] : ["court-defaulters"], state.Lists.ToArray());
        }

        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Concurrent_units_on_many_subjects_all_commit_and_every_state_is_exact()
    {
        var court = await CourtAsync();
        var charity = await CharityAsync();
        var work = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var subject = Ids.Person(i % 25);
            var outcome = i % 4 == 0
                ? await Registry.Intake.SubmitAsync(court, Lines.Defaulter(subject, "Z-" + i))
                : await Registry.Intake.SubmitAsync(charity, Lines.Volunteering(subject, "V-" + i));
            return outcome.GetValueOrThrow().Fate;
        }));

        Assert.All(await Task.WhenAll(work), f => Assert.Equal(FateKind.Accepted, f));
        Assert.Equal((25L, 200L), ((await ReadAsync(r => r.Counts(Clock.GetUtcNow()))).Subjects, (await ReadAsync(r => r.Counts(Clock.GetUtcNow()))).RecordVersions));
        Assert.Empty((await Registry.State.CheckAsync(Operator)).GetValueOrThrow());
        Assert.Empty(Test.AuditLedger());
    }
}
