using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Simulation;
using Credence.Registry.Intake;

namespace Credence.Registry.Tests.Simulation;

/// <summary>
/// The fairness section of a stored simulation report: computed from the same subjects as the rest of
/// the report, part of its canonical JSON, and covered by the digest a sign-off names.
/// </summary>
public class SimulationFairnessTests
{
    /// <summary>A draft under which a late card payment also puts a person on the court defaulter list.</summary>
    private static string Draft() => SimulationTests.Draft("2026.8")
        .Replace("entry: { active-record-of: [judgment-defaulter], grade-at-most: D }", "entry: { active-record-of: [judgment-defaulter, late-credit-card-payment] }", StringComparison.Ordinal);

    /// <summary>120 persons of Beijing with a late card payment each, and 120 of Guangdong who volunteered.</summary>
    private static async Task<TestRegistry> CityAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var bank = await t.SourceAsync("bank", "late-credit-card-payment");
        var charity = await t.SourceAsync("charity", "volunteering");
        List<NumberedLine> late = [.. Enumerable.Range(0, 120).Select(i => new NumberedLine(i + 1, Lines.LateCard(ResidentIdentityNumber.Create("110105", new DateOnly(1970 + (i % 30), 1 + (i % 12), 1), i), $"L-{i}"), null))];
        List<NumberedLine> kind = [.. Enumerable.Range(0, 120).Select(i => new NumberedLine(i + 1, Lines.Volunteering(ResidentIdentityNumber.Create("440305", new DateOnly(1970 + (i % 30), 1 + (i % 12), 1), i), $"V-{i}"), null))];
        Assert.True((await t.Registry.Intake.SubmitAsync(bank, late)).IsOk);
        Assert.True((await t.Registry.Intake.SubmitAsync(charity, kind)).IsOk);
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        return t;
    }

    [Fact]
    public async Task The_report_says_which_disparity_the_draft_introduces_stores_it_in_its_json_and_its_digest_covers_it()
    {
        await using var t = await CityAsync();
        var run = (await t.Registry.Simulations.SimulateAsync(t.Operator, Draft(), "draft.yaml", null, null)).GetValueOrThrow();
        var f = run.Report.Fairness!;

        Assert.Equal(("rongcheng-persons@2026.1", "rongcheng-persons@2026.8"), (f.Against, f.Draft));
        Assert.Equal((240, 240), (f.AssessedBefore!.Value, f.AssessedAfter));
        var beijing = Assert.Single(f.Cohorts, c => c.Dimension == "region" && c.Outcome == "listed:court-defaulters" && c.Cohort.Key == "11");
        Assert.Equal(CohortChange.Introduced, beijing.Disparity);
        Assert.Equal((0.0, 1.0), (beijing.Before!.Rate, beijing.After!.Rate));
        Assert.Contains("four-fifths", beijing.After.Flags);
        Assert.Equal("late-credit-card-payment", beijing.Carriers[0].Type);
        Assert.Contains(f.Words.En, l => l.StartsWith("Introduces [the four-fifths rule", StringComparison.Ordinal) && l.Contains("Beijing: listed on", StringComparison.Ordinal) && l.Contains("late-credit-card-payment", StringComparison.Ordinal));
        Assert.True(f.Introduced > 0);

        // The stored canonical JSON holds the section, and reads back to the same bytes and digest.
        var stored = (await t.Registry.Store.ReadAsync(x => x.FindSimulation(run.Report.Id)))!;
        Assert.Contains("\"fairness\":{\"against\":\"rongcheng-persons@2026.1\"", stored.Report, StringComparison.Ordinal);
        Assert.Contains("\"disparity\":\"introduced\"", stored.Report, StringComparison.Ordinal);
        var parsed = CanonicalJson.Parse(stored.Report);
        Assert.Equal(stored.Report, CanonicalJson.Text(parsed));
        Assert.Equal(run.Digest, CanonicalJson.Digest(parsed));
        var read = (await t.Registry.Simulations.ReadAsync(t.Operator, run.Report.Id, null)).GetValueOrThrow();
        Assert.Equal(f.Words.En.ToArray(), read.Report.Fairness!.Words.En.ToArray());

        // Any change to the fairness section is a different digest: a sign-off names what the reviewer read.
        var rows = f.Cohorts.Select(c => c == beijing ? c with { Disparity = CohortChange.None, After = c.After! with { Flags = [] } } : c).ToList();
        Assert.NotEqual(run.Digest, CanonicalJson.Digest(run.Report with { Fairness = f with { Cohorts = [.. rows] } }));
        Assert.NotEqual(run.Digest, CanonicalJson.Digest(run.Report with { Fairness = f with { Words = f.Words with { En = f.Words.En.RemoveAt(1) } } }));
        Assert.NotEqual(run.Digest, CanonicalJson.Digest(run.Report with { Fairness = f with { Introduced = 0 } }));
        Assert.NotEqual(run.Digest, CanonicalJson.Digest(run.Report with { Fairness = null }));
    }

    [Fact]
    public async Task Against_the_draft_the_active_policy_removes_it_and_a_tiny_registry_marks_every_cohort_small()
    {
        await using var t = await CityAsync();
        Assert.True((await t.Registry.Policies.UploadAsync(t.Operator, Draft())).IsOk);
        var back = (await t.Registry.Simulations.SimulateAsync(t.Operator, TestRegistry.PolicyText("rongcheng-persons.yaml").Replace("version: \"2026.1\"", "version: \"2026.10\"", StringComparison.Ordinal), null, "rongcheng-persons@2026.8", null)).GetValueOrThrow();
        var beijing = Assert.Single(back.Report.Fairness!.Cohorts, c => c.Dimension == "region" && c.Outcome == "listed:court-defaulters" && c.Cohort.Key == "11");
        Assert.Equal(CohortChange.Removed, beijing.Disparity);
        Assert.Contains(back.Report.Fairness.Words.En, l => l.StartsWith("Removes [the four-fifths rule", StringComparison.Ordinal) && l.Contains("Beijing", StringComparison.Ordinal));

        // Two persons only: every cohort is shown, marked small, and nothing is judged.
        await using var small = await TestRegistry.CreateAsync();
        var court = await small.CourtAsync();
        await small.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        await small.Registry.Intake.SubmitAsync(await small.SourceAsync("bank", "late-credit-card-payment"), Lines.LateCard(Ids.Carol, "C-1"));
        small.Clock.Advance(TimeSpan.FromMinutes(5));
        var f = (await small.Registry.Simulations.SimulateAsync(small.Operator, Draft(), null, null, null)).GetValueOrThrow().Report.Fairness!;
        Assert.NotEmpty(f.Cohorts);
        Assert.All(f.Cohorts.Where(c => c.After is not null), c => Assert.True(c.After!.Small));
        Assert.Equal((0, 0, 0), (f.Introduced, f.Removed, f.Kept));
        Assert.Contains(f.Cohorts, c => c.Dimension == "region" && c.Cohort.Key == "44");
        Assert.Contains(f.Words.En, l => l.Contains("fewer than 100 subjects under the draft", StringComparison.Ordinal));
    }
}
