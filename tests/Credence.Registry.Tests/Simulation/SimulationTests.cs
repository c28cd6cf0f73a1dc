using Credence.Core.Explanations;
using Credence.Core.Policies;
using Credence.Core.Simulation;
using Credence.Registry.Access;

namespace Credence.Registry.Tests.Simulation;

public class SimulationTests
{
    /// <summary>
    /// A draft of the person policy in which the court defaulter list also needs grade D (so a
    /// defaulter with an otherwise clean file leaves it, and its restrictions stop) and a late card payment costs 60 points instead of 10.
    /// </summary>
    internal static string Draft(string version = "2026.9") => TestRegistry.PolicyText("rongcheng-persons.yaml")
        .Replace("version: \"2026.1\"", $"version: \"{version}\"", StringComparison.Ordinal)
        .Replace("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter], grade-at-most: D }", StringComparison.Ordinal)
        .Replace("    points: -10\n    lasts: 1y", "    points: -60\n    lasts: 1y", StringComparison.Ordinal);

    private static async Task<(TestRegistry T, Principal Rail)> CityAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var bank = await t.SourceAsync("bank", "late-credit-card-payment");
        var rail = await t.RelyingPartyAsync("china-railway", "ticket sales under the SPC rules", "rail.g-train.ticket");
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        await t.Registry.Intake.SubmitAsync(bank, Lines.LateCard(Ids.Carol, "C-1"));
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DecisionAnswer.Denied, (await t.Registry.Decisions.DecideAsync(rail, Ids.Bob, "rail.g-train.ticket")).GetValueOrThrow().Answer);
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        return (t, rail);
    }

    [Fact]
    public async Task A_draft_is_compared_with_the_policy_in_force_subject_by_subject_and_the_report_is_stored_with_its_digest()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var run = (await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), "draft.yaml", null, null)).GetValueOrThrow();
        var r = run.Report;

        Assert.Equal(("rongcheng-persons@2026.9", "rongcheng-persons@2026.1", "persons"), (r.Policy, r.Against, r.Subjects));
        Assert.Equal(PolicyDigest.Of(Draft()), r.PolicyDigest);
        Assert.Equal(2, r.Population);
        Assert.Equal(2, r.Changed);

        // Bob leaves the court defaulter list and its restrictions stop; the railway's answer changes to allowed.
        var list = r.Lists.Single(l => l.List == "court-defaulters");
        Assert.Equal((1, 0, 0, 1), (list.Before, list.After, list.Entered, list.Left));
        var train = r.Measures.Single(m => m.Measure == "restrict-g-train");
        Assert.Equal((1, 0, 1), (train.Before, train.After, train.Stopped));
        var railway = r.RelyingParties.Single(p => p.RelyingParty == "china-railway");
        Assert.Equal(("rail.g-train.ticket", 1, 1), (railway.Capability, railway.Changed, railway.ToAnswer["allowed"]));

        // The past denial would have been an allowance.
        Assert.Equal((1, 1), (r.Decisions.Checked, r.Decisions.Different));
        Assert.Equal(1, r.Decisions.Rows.Single().Changes["denied->allowed"]);

        // Carol's late payment costs 60 points, held to the type's cap of 30 a year: 20 more, the type that drives the change.
        var driver = r.Drivers.RecordTypes[0];
        Assert.Equal(("late-credit-card-payment", 1, -10L, -30L, 20L), (driver.Type, driver.Subjects, driver.PointsBefore, driver.PointsAfter, driver.Shift));
        Assert.Equal((1, -20), (r.Scores.Lowered, r.Scores.Min));
        Assert.Contains(r.Drivers.Rules, x => x.Rule == "list:court-defaulters");
        Assert.Equal(2, r.Grades.Rows.Sum(x => x.Cells.Sum(c => c.Count)));

        // Persons' ids are masked in the report; the sample ranks the listing change first.
        Assert.Equal(2, r.Sample.Length);
        Assert.Equal(Public.PublicService.Mask(Ids.Bob, Core.Identifiers.SubjectKind.Person), r.Sample[0].Subject);
        Assert.DoesNotContain(Ids.Bob, CanonicalJson.Text(r), StringComparison.Ordinal);
        Assert.Equal("masked", r.SubjectIds);

        // Stored: canonical text, digest over it, and an access event in the ledger naming both.
        var stored = (await t.Registry.Store.ReadAsync(x => x.FindSimulation(r.Id)))!;
        Assert.Equal(CanonicalJson.Text(r), stored.Report);
        Assert.Equal(run.Digest, stored.Digest);
        Assert.Equal(run.Digest, CanonicalJson.Digest(CanonicalJson.Parse(stored.Report)));
        Assert.Equal([Ids.Bob, Ids.Carol], stored.SampleSubjects.ToArray());
        var logged = (await t.Registry.Store.ReadAsync(x => x.AccessLog(0, 1000))).Last(e => e.Action == "policy.simulate");
        Assert.Contains(run.Digest, logged.Detail, StringComparison.Ordinal);

        // The per-subject outcomes under both policies, for the fairness report.
        Assert.Equal(2, run.Subjects.Count);
        Assert.Contains(run.Subjects, s => s.Before.Lists.Contains("court-defaulters") && s.After.Lists.IsEmpty);
    }

    [Fact]
    public async Task Records_as_known_at_an_earlier_instant_and_a_named_baseline()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var before = (await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), null, null, TestRegistry.Start.AddTicks(-1))).GetValueOrThrow().Report;
        Assert.Equal(0, before.Population);
        Assert.Null(before.Against);

        var named = (await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), null, "rongcheng-persons@2026.1", null)).GetValueOrThrow().Report;
        Assert.Equal("rongcheng-persons@2026.1", named.Against);
    }

    [Fact]
    public async Task Ids_are_shown_only_for_a_stated_purpose_and_each_sampled_subject_sees_the_read()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var run = (await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), null, null, null)).GetValueOrThrow();
        var read = (await t.Registry.Simulations.ReadAsync(t.Operator, run.Report.Id, "checking the draft's listing changes 核对名单变化")).GetValueOrThrow();
        Assert.Equal("unmasked", read.Report.SubjectIds);
        Assert.Equal([Ids.Bob, Ids.Carol], read.Report.Sample.Select(s => s.Subject));
        Assert.Equal(run.Digest, read.Digest);
        foreach (var subject in new[] { Ids.Bob, Ids.Carol })
        {
            var seen = await t.Registry.Store.ReadAsync(x => x.SubjectAccess(subject, 100));
            Assert.Contains(seen, e => e.Action == "simulation.read" && e.Purpose == "checking the draft's listing changes 核对名单变化");
        }

        var masked = (await t.Registry.Simulations.ReadAsync(t.Operator, run.Report.Id, null)).GetValueOrThrow();
        Assert.Equal("masked", masked.Report.SubjectIds);
        Assert.DoesNotContain(masked.Report.Sample, s => s.Subject == Ids.Bob);
    }

    public static TheoryData<string> BlankPurposes() => new() { string.Empty, " ", "\t", "\u3000", "\u00a0 ", "\n" };

    [Theory]
    [MemberData(nameof(BlankPurposes))]
    public async Task An_empty_or_blank_purpose_is_refused_and_nothing_is_unmasked(string purpose)
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var run = (await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), null, null, null)).GetValueOrThrow();
        var read = await t.Registry.Simulations.ReadAsync(t.Operator, run.Report.Id, purpose);
        Assert.Contains(read.Problem!.Type, new[] { ProblemTypes.PurposeRequired, ProblemTypes.ControlCharacter });
        Assert.DoesNotContain(await t.Registry.Store.ReadAsync(x => x.AccessLog(0, 1000)), e => e.Action == "simulation.read");
        Assert.False((await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), null, null, null, purpose)).IsOk);
    }

    public static TheoryData<string, string> HostileDrafts() => new()
    {
        { "policy: [", ProblemTypes.InvalidPolicy },
        { TestRegistry.PolicyText("rongcheng-persons.yaml").Replace("matter: heroic-acts", "matter: ethnicity", StringComparison.Ordinal), ProblemTypes.InvalidPolicy },
        { TestRegistry.PolicyText("rongcheng-persons.yaml").Replace("name: Late credit-card payment", "name: 宗教信仰 late payment", StringComparison.Ordinal), ProblemTypes.InvalidPolicy },
        { TestRegistry.PolicyText("rongcheng-persons.yaml").Replace("name: Late credit-card payment", "name: Religious belief", StringComparison.Ordinal), ProblemTypes.InvalidPolicy },
        { "a: &x 1\nb: *x\n", ProblemTypes.InvalidPolicy },
        { "policy: test\n\0", ProblemTypes.InvalidPolicy },
    };

    [Theory]
    [MemberData(nameof(HostileDrafts))]
    public async Task A_draft_that_breaks_the_promises_is_refused_as_at_upload_and_nothing_is_stored(string yaml, string type)
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        static bool Simulated(AccessEvent e) => e.Action == "policy.simulate" && e.Outcome == AccessOutcome.Ok;
        var before = (await t.Registry.Store.ReadAsync(x => x.AccessLog(0, 1000))).Count(Simulated);
        var upload = await t.Registry.Policies.UploadAsync(t.Operator, yaml);
        var run = await t.Registry.Simulations.SimulateAsync(t.Operator, yaml, null, null, null);
        Assert.Equal(type, run.Problem!.Type);
        Assert.Equal(upload.Problem!.Type, run.Problem.Type);
        Assert.Equal(string.Join('\n', upload.Problem.Errors), string.Join('\n', run.Problem.Errors));
        Assert.Equal(before, (await t.Registry.Store.ReadAsync(x => x.AccessLog(0, 1000))).Count(Simulated));
    }

    [Fact]
    public async Task Unknown_or_mismatched_baselines_and_instants_are_refused()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var sims = t.Registry.Simulations;
        Assert.Equal(ProblemTypes.NotFound, (await sims.SimulateAsync(t.Operator, Draft(), null, "nothing@1", null)).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await sims.SimulateAsync(t.Operator, Draft(), null, "RONGCHENG-PERSONS@2026.1", null)).Problem!.Type);
        Assert.Equal(ProblemTypes.SubjectKindMismatch, (await sims.SimulateAsync(t.Operator, Draft(), null, "shanghai-organisations@2026.1", null)).Problem!.Type);
        Assert.Equal(ProblemTypes.InvisibleCharacter, (await sims.SimulateAsync(t.Operator, Draft(), null, "rongcheng-persons@2026.1\u200b", null)).Problem!.Type);
        Assert.Equal(ProblemTypes.FutureInstant, (await sims.SimulateAsync(t.Operator, Draft(), null, null, t.Clock.GetUtcNow().AddTicks(1))).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await sims.SimulateStoredAsync(t.Operator, "rongcheng-persons@2026.9", null, null)).Problem!.Type);
        Assert.Equal(ProblemTypes.NotFound, (await sims.ReadAsync(t.Operator, Guid.NewGuid().ToString(), null)).Problem!.Type);
        Assert.Null(await t.Registry.Store.ReadAsync(x => x.LatestSimulation("rongcheng-persons@2026.9")));
    }

    [Fact]
    public async Task A_replay_counts_each_week_from_the_versions_as_known_then_and_refuses_bad_ranges()
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var sims = t.Registry.Simulations;
        var now = t.Clock.GetUtcNow();
        var weeks = (await sims.ReplayAsync(t.Operator, Draft(), null, now.AddDays(-14), now)).GetValueOrThrow();
        Assert.Equal(3, weeks.Count);
        Assert.Equal([0, 0, 2], weeks.Select(w => w.Subjects));
        Assert.Equal("rongcheng-persons@2026.1", weeks[^1].InForce);
        Assert.Equal(1, weeks[^1].InForceLists["court-defaulters"]);
        Assert.False(weeks[^1].DraftLists.ContainsKey("court-defaulters"));

        Assert.Equal(ProblemTypes.BadValue, (await sims.ReplayAsync(t.Operator, Draft(), null, now, now.AddDays(-7))).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await sims.ReplayAsync(t.Operator, Draft(), null, now.AddYears(-50), now)).Problem!.Type);
        Assert.Equal(ProblemTypes.BadValue, (await sims.ReplayAsync(t.Operator, Draft(), null, DateTimeOffset.MinValue, now)).Problem!.Type);
        Assert.Equal(ProblemTypes.FutureInstant, (await sims.ReplayAsync(t.Operator, Draft(), null, now, now.AddDays(1))).Problem!.Type);
        Assert.Equal(ProblemTypes.InvalidPolicy, (await sims.ReplayAsync(t.Operator, "policy: [", null, now, now)).Problem!.Type);
    }

    [Theory]
    [InlineData(Role.Source)]
    [InlineData(Role.RelyingParty)]
    [InlineData(Role.Subject)]
    [InlineData(Role.Reviewer)]
    [InlineData(Role.Auditor)]
    public async Task Only_operators_simulate_replay_and_sign_off(Role role)
    {
        var (t, _) = await CityAsync();
        await using var _ = t;
        var who = role switch
        {
            Role.Source => await t.SourceAsync("someone", "judgment-defaulter"),
            Role.RelyingParty => await t.RelyingPartyAsync("someone", "tickets", "air.ticket"),
            _ => await t.RoleAsync(role, "someone", role == Role.Subject ? Ids.Bob : null),
        };
        var sims = t.Registry.Simulations;
        Assert.Equal(ProblemTypes.Forbidden, (await sims.SimulateAsync(who, Draft(), null, null, null)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await sims.SimulateStoredAsync(who, "rongcheng-persons@2026.1", null, null)).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await sims.ReplayAsync(who, Draft(), null, t.Clock.GetUtcNow(), t.Clock.GetUtcNow())).Problem!.Type);
        Assert.Equal(ProblemTypes.Forbidden, (await sims.SignOffAsync(who, "rongcheng-persons@2026.1", "sha256:00")).Problem!.Type);
        var read = await sims.ReadAsync(who, "none", null);
        Assert.Equal(role == Role.Auditor ? ProblemTypes.NotFound : ProblemTypes.Forbidden, read.Problem!.Type);
    }
}
