using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Registry.Access;
using Credence.Registry.Fairness;

namespace Credence.Registry.Tests.Fairness;

/// <summary>The fairness report over a registry: the outcomes under the policy in force, at an instant, for operators and auditors only.</summary>
public class FairnessServiceTests
{
    private static string Beijing(int n) => ResidentIdentityNumber.Create("110105", new DateOnly(1970, 1, 1).AddDays(n * 97), (n % 900) + 1);

    /// <summary>Twelve Shanghai persons with a late card payment, nine of whom a court lists ten days later; twelve Beijing persons with a late card payment only.</summary>
    private static async Task<(TestRegistry Registry, DateTimeOffset BeforeListing)> CityAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var bank = await t.SourceAsync("bank", "late-credit-card-payment");
        var court = await t.CourtAsync();
        t.Clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 12; i++)
        {
            (await t.Registry.Intake.SubmitAsync(bank, Lines.LateCard(Ids.Person(i), "S-" + i))).GetValueOrThrow();
            (await t.Registry.Intake.SubmitAsync(bank, Lines.LateCard(Beijing(i), "B-" + i))).GetValueOrThrow();
        }

        var before = t.Clock.GetUtcNow();
        t.Clock.Advance(TimeSpan.FromDays(10));
        for (var i = 0; i < 9; i++)
        {
            (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Person(i), "D-" + i, occurred: "2026-06-05T00:00:00Z"))).GetValueOrThrow();
        }

        t.Clock.Advance(TimeSpan.FromMinutes(1));
        return (t, before);
    }

    private static CohortRate Rate(FairnessReport report, string dimension, string outcome, string cohort) =>
        report.Sections.Single(s => s.Kind == SubjectKind.Person).Dimensions.Single(d => d.Dimension == dimension)
            .Outcomes.Single(o => o.Outcome == outcome).Cohorts.Single(c => c.Cohort.Key == cohort);

    [Fact]
    public async Task The_report_counts_each_cohorts_outcomes_under_the_policy_in_force_and_names_the_record_type_that_carries_the_disparity()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var report = (await t.Registry.Fairness.ReportAsync(t.Operator, new FairnessRequest(MinCohort: 10))).GetValueOrThrow();

        var persons = report.Sections.Single(s => s.Kind == SubjectKind.Person);
        Assert.Equal(24, persons.Assessed);
        var shanghai = Rate(report, "region", "listed:court-defaulters", "31");
        var beijing = Rate(report, "region", "listed:court-defaulters", "11");
        Assert.Equal((12, 9, 0.75), (shanghai.Applicable, shanghai.Adverse, shanghai.Rate!.Value));
        Assert.Equal((12, 0, true), (beijing.Applicable, beijing.Adverse, beijing.Reference));
        Assert.Contains(DisparityFlag.FourFifths, shanghai.Flags);
        var finding = persons.Findings.First(f => f.Dimension == "region" && f.Outcome.Id == "listed:court-defaulters");
        Assert.Equal("judgment-defaulter", finding.Carriers[0].Type);
        Assert.Equal(0.75, finding.Carriers[0].Carried, 6);
        Assert.Contains(report.Summary.En, l => l.Contains("Shanghai", StringComparison.Ordinal) && l.Contains("judgment-defaulter", StringComparison.Ordinal));
        Assert.Contains(report.Summary.Zh, l => l.Contains("上海", StringComparison.Ordinal) && l.Contains("judgment-defaulter", StringComparison.Ordinal));

        // The organisations' policy is in force too, with no organisation yet.
        Assert.Equal(0, report.Sections.Single(s => s.Kind == SubjectKind.Organisation).Assessed);
    }

    [Fact]
    public async Task A_past_instant_is_reported_from_the_records_as_known_then()
    {
        var (t, before) = await CityAsync();
        await using var _ = t;
        var report = (await t.Registry.Fairness.ReportAsync(t.Operator, new FairnessRequest(AsOf: before, MinCohort: 10))).GetValueOrThrow();
        Assert.Equal(before, report.AsOf);
        Assert.Equal(0, Rate(report, "region", "listed:court-defaulters", "31").Adverse);
        Assert.Empty(report.Sections.Single(s => s.Kind == SubjectKind.Person).Findings.Where(f => f.Outcome.Id == "listed:court-defaulters"));

        // Before anyone's first record, no one is in the population.
        var earlier = (await t.Registry.Fairness.ReportAsync(t.Operator, new FairnessRequest(AsOf: TestRegistry.Start))).GetValueOrThrow();
        Assert.Equal(0, earlier.Sections.Sum(s => s.Assessed));
    }

    [Fact]
    public async Task The_same_registry_and_seed_give_the_same_report_and_the_seed_is_in_it()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var at = t.Clock.GetUtcNow();
        var first = (await t.Registry.Fairness.ReportAsync(t.Operator, new FairnessRequest(at, MinCohort: 10, Seed: 42))).GetValueOrThrow();
        var again = (await t.Registry.Fairness.ReportAsync(t.Operator, new FairnessRequest(at, MinCohort: 10, Seed: 42))).GetValueOrThrow();
        Assert.Equal(42UL, first.Seed);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(again));
    }

    [Theory]
    [InlineData(Role.Operator, true)]
    [InlineData(Role.Auditor, true)]
    [InlineData(Role.Reviewer, false)]
    [InlineData(Role.Subject, false)]
    [InlineData(Role.Source, false)]
    [InlineData(Role.RelyingParty, false)]
    public async Task Only_operators_and_auditors_may_run_it_and_every_run_or_refusal_is_logged(Role role, bool allowed)
    {
        await using var t = await TestRegistry.CreateAsync();
        var by = role switch
        {
            Role.Operator => t.Operator,
            Role.Subject => await t.RoleAsync(role, "subject", Ids.Carol),
            Role.Source => await t.CourtAsync(),
            Role.RelyingParty => await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket"),
            _ => await t.RoleAsync(role, role.ToString().ToLowerInvariant()),
        };

        var outcome = await t.Registry.Fairness.ReportAsync(by, new FairnessRequest());
        Assert.Equal(allowed, outcome.IsOk);
        if (!allowed)
        {
            Assert.Equal(ProblemTypes.Forbidden, outcome.Problem!.Type);
        }

        var logged = (await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000))).Last(e => e.Action == "fairness.report");
        Assert.Equal(allowed ? AccessOutcome.Ok : AccessOutcome.Forbidden, logged.Outcome);
        Assert.Null(logged.Subject);
    }

    public static TheoryData<string, FairnessRequest, string> Refused() => new()
    {
        { "future", new FairnessRequest(AsOf: TestRegistry.Start.AddDays(1)), ProblemTypes.FutureInstant },
        { "negative", new FairnessRequest(MinCohort: -1), ProblemTypes.BadValue },
        { "no grade E", new FairnessRequest(GradeAtOrBelow: "E"), ProblemTypes.BadValue },
        { "lower case", new FairnessRequest(GradeAtOrBelow: "c"), ProblemTypes.BadValue },
        { "full-width", new FairnessRequest(GradeAtOrBelow: "Ｃ"), ProblemTypes.BadValue },
        { "Chinese", new FairnessRequest(GradeAtOrBelow: "丙"), ProblemTypes.BadValue },
        { "before any policy", new FairnessRequest(AsOf: TestRegistry.Start.AddYears(-1)), ProblemTypes.NoActivePolicy },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_request_is_refused_with_its_problem_and_changes_nothing_else(string why, FairnessRequest request, string type)
    {
        await using var t = await TestRegistry.CreateAsync();
        var outcome = await t.Registry.Fairness.ReportAsync(t.Operator, request);
        Assert.False(outcome.IsOk, why);
        Assert.Equal(type, outcome.Problem!.Type);
        Assert.DoesNotContain(await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000)), e => e.Action == "fairness.report" && e.Outcome == AccessOutcome.Ok);
    }

    [Theory]
    [InlineData("C\u0000")]
    [InlineData("C\u202E")]
    [InlineData("C\n")]
    public async Task A_grade_with_a_control_or_reordering_character_is_refused_and_not_logged(string grade)
    {
        await using var t = await TestRegistry.CreateAsync();
        var outcome = await t.Registry.Fairness.ReportAsync(t.Operator, new FairnessRequest(GradeAtOrBelow: grade));
        Assert.False(outcome.IsOk);
        Assert.DoesNotContain(await t.Registry.Store.ReadAsync(r => r.AccessLog(0, 1000)), e => e.Action == "fairness.report");
    }

    [Theory]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01T08:00:00+08:00", "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01T00:00:00.5Z", "2026-12-01T00:00:00.5Z")]
    public void An_as_of_instant_is_read_in_ISO_8601(string text, string expected)
    {
        Assert.Null(FairnessRequest.TryParseAsOf(text, out var at));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-12-01T00:00:00")] // no offset
    [InlineData("12/01/2026")]
    [InlineData("2026-13-01")]
    [InlineData("２０２６-12-01")] // full-width digits
    [InlineData("٢٠٢٦-12-01")] // Arabic-Indic digits
    [InlineData("2026-12-01T00:00:00Z\u0000")]
    [InlineData(" 2026-12-01")]
    [InlineData("2026-12-01T00:00:00\u200BZ")]
    [InlineData("2026年12月1日")]
    public void A_hostile_as_of_is_refused_in_one_line(string text)
    {
        var reason = FairnessRequest.TryParseAsOf(text, out _);
        Assert.NotNull(reason);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain('\0', reason);
    }
}
