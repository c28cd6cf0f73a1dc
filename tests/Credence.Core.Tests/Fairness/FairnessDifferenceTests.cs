using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Fairness.Population;

namespace Credence.Core.Tests.Fairness;

/// <summary>
/// The difference a draft makes to fairness (the simulation report's section): disparities introduced
/// and removed for each dimension, small cohorts marked and never dropped, outcomes no one has, and
/// organisations' dimensions; always from the one kernel, with the same options on both sides.
/// </summary>
public class FairnessDifferenceTests
{
    private static readonly FairnessOptions Options = new(AsOf, 11, 100, 300);

    private static FairnessDifference Difference(IEnumerable<SubjectOutcome> before, IEnumerable<SubjectOutcome> after, SubjectKind kind = SubjectKind.Person, FairnessOptions? options = null) =>
        FairnessComparison.Compare(kind, "test@1", [.. before], Outcomes, "test@2", [.. after], Outcomes, options ?? Options).ToDifference(options ?? Options);

    private static CohortChange Row(FairnessDifference d, string dimension, string outcome, string cohort) =>
        Assert.Single(d.Cohorts, c => c.Dimension == dimension && c.Outcome == outcome && c.Cohort.Key == cohort);

    /// <summary><paramref name="size"/> persons born on <paramref name="born"/> in a region, sexes alternating unless fixed, the first <paramref name="listed"/> listed with <paramref name="type"/>.</summary>
    private static IEnumerable<SubjectOutcome> People(string region, DateOnly born, int size, int listed, string type = "judgment-defaulter", int from = 0, int? sexDigit = null) =>
        Enumerable.Range(from, size).Select(i =>
        {
            var sequence = sexDigit is { } s ? ((i * 10) + s) % 1000 : i % 1000;
            var subject = Person(region, born.AddDays(i / 100), sequence);
            return Outcome(subject, i - from < listed, granted: true, "A", i - from < listed ? [type] : []);
        });

    [Fact]
    public void A_draft_that_lists_one_province_more_introduces_a_flagged_disparity_carried_by_the_record_type_and_says_so()
    {
        var born = new DateOnly(1980, 1, 1);
        var before = People("371082", born, 300, 15).Concat(People("110105", born, 300, 15, from: 300)).ToList();
        var after = People("371082", born, 300, 15).Concat(People("110105", born, 300, 180, type: "tax-evasion", from: 300)).ToList();
        var d = Difference(before, after);

        var row = Row(d, "region", "listed:court-defaulters", "11");
        Assert.Equal(CohortChange.Introduced, row.Disparity);
        Assert.Empty(row.Before!.Flags);
        Assert.Contains("four-fifths", row.After!.Flags);
        Assert.Equal((0.05, 0.6, 0.55), (row.Before.Rate, row.After.Rate, row.Change));
        Assert.True(row.After.RateLow < 0.6 && row.After.RateHigh > 0.6, "the draft's rate has its bootstrap interval");
        Assert.True(row.After.ImpactRatio < 0.8 && row.Before.ImpactRatio > 0.8);
        Assert.Equal("tax-evasion", row.Carriers[0].Type);
        Assert.Equal("Beijing", row.Cohort.Label);
        Assert.True(Row(d, "region", "listed:court-defaulters", "37").After!.Reference);

        Assert.True(d.Introduced >= 1);
        Assert.Equal(0, d.Removed);
        Assert.Equal((0, d.Introduced), (d.FlaggedBefore, d.FlaggedAfter));
        Assert.Equal((600, 600), (d.AssessedBefore!.Value, d.AssessedAfter));
        Assert.Contains(d.Words.En, l => l.StartsWith("Introduces [the four-fifths rule", StringComparison.Ordinal)
            && l.Contains("region (province) Beijing: listed on court-defaulters for 60.0%", StringComparison.Ordinal)
            && l.Contains("5.0% under test@1", StringComparison.Ordinal)
            && l.Contains("in Shandong, the most favoured", StringComparison.Ordinal)
            && l.Contains("tax-evasion (+", StringComparison.Ordinal));
        Assert.Contains(d.Words.Zh, l => l.StartsWith("新增【五分之四规则", StringComparison.Ordinal) && l.Contains("北京", StringComparison.Ordinal) && l.Contains("tax-evasion（高", StringComparison.Ordinal));
        Assert.StartsWith($"Fairness of test@2 against test@1: 0 disparities under test@1, {d.FlaggedAfter} under the draft; the draft introduces {d.Introduced} and removes 0.", d.Words.En[0], StringComparison.Ordinal);
        Assert.Equal(d.Words.En.Length, d.Words.Zh.Length);
    }

    [Fact]
    public void The_same_draft_the_other_way_removes_the_disparity_and_names_what_carried_it()
    {
        var born = new DateOnly(1980, 1, 1);
        var listed = People("371082", born, 300, 15).Concat(People("110105", born, 300, 180, from: 300)).ToList();
        var fair = People("371082", born, 300, 15).Concat(People("110105", born, 300, 15, from: 300)).ToList();
        var d = Difference(listed, fair);

        var row = Row(d, "region", "listed:court-defaulters", "11");
        Assert.Equal(CohortChange.Removed, row.Disparity);
        Assert.Contains("four-fifths", row.Before!.Flags);
        Assert.Empty(row.After!.Flags);
        Assert.Equal(-0.55, row.Change);
        Assert.Equal("judgment-defaulter", row.Carriers[0].Type);
        Assert.Equal(0, d.Introduced);
        Assert.True(d.Removed >= 1);
        Assert.Contains(d.Words.En, l => l.StartsWith("Removes [the four-fifths rule", StringComparison.Ordinal) && l.Contains("Beijing", StringComparison.Ordinal) && l.Contains("60.0% of 300 under test@1, 5.0% under the draft", StringComparison.Ordinal) && l.Contains("It was carried by: judgment-defaulter", StringComparison.Ordinal));
        Assert.Contains(d.Words.Zh, l => l.StartsWith("消除【五分之四规则", StringComparison.Ordinal) && l.Contains("北京", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("age-band", "25-34")]
    [InlineData("sex", "female")]
    public void A_draft_that_falls_on_one_age_band_or_one_sex_is_flagged_in_that_dimension(string dimension, string cohort)
    {
        // Two age bands (born 1995: 31 at the instant; born 1965: 61), each half male and half female, one province.
        static IEnumerable<SubjectOutcome> Population(Func<bool, bool, int, bool> listed) =>
            new[] { (Born: new DateOnly(1995, 3, 1), Young: true), (Born: new DateOnly(1965, 3, 1), Young: false) }
                .SelectMany((band, b) => Enumerable.Range(0, 400).Select(i =>
                {
                    var female = i % 2 == 0;
                    var subject = Person("440305", band.Born, (b * 400) + i);
                    var on = listed(band.Young, female, i);
                    return Outcome(subject, on, granted: true, "A", on ? ["judgment-defaulter"] : []);
                }));

        // Before: one in ten of every band and sex; the draft lists half of one cohort.
        var before = Population((_, _, i) => i % 20 < 2);
        var after = dimension == "sex"
            ? Population((_, female, i) => female ? i % 4 == 0 : i % 20 == 1)
            : Population((young, _, i) => young ? i % 4 < 2 : i % 20 < 2);
        var d = Difference(before, after);

        var row = Row(d, dimension, "listed:court-defaulters", cohort);
        Assert.Equal(CohortChange.Introduced, row.Disparity);
        Assert.NotEmpty(row.After!.Flags);
        Assert.Contains(d.Words.En, l => l.StartsWith("Introduces [", StringComparison.Ordinal) && l.Contains(CohortDimensions.Label(dimension) + " " + row.Cohort.Label + ": listed on court-defaulters", StringComparison.Ordinal));
        Assert.DoesNotContain(d.Cohorts, c => c.Dimension == "region" && c.Disparity != CohortChange.None);
    }

    [Fact]
    public void A_small_cohort_is_shown_with_both_rates_and_marked_not_hidden_and_never_flagged()
    {
        var born = new DateOnly(1980, 1, 1);
        var before = People("371082", born, 300, 15).Concat(People("110105", born, 40, 2, from: 300)).ToList();
        var after = People("371082", born, 300, 15).Concat(People("110105", born, 40, 30, from: 300)).ToList();
        var d = Difference(before, after);

        var row = Row(d, "region", "listed:court-defaulters", "11");
        Assert.True(row.Before!.Small);
        Assert.True(row.After!.Small);
        Assert.Equal((0.05, 0.75), (row.Before.Rate, row.After.Rate));
        Assert.Equal(0.7, row.Change);
        Assert.Empty(row.After.Flags);
        Assert.Equal(CohortChange.None, row.Disparity);
        Assert.Equal(40, row.After.Applicable);
        Assert.Contains(d.Words.En, l => l.Contains("fewer than 100 subjects under the draft", StringComparison.Ordinal) && l.Contains("Beijing: 40", StringComparison.Ordinal) && l.Contains("marked small, not judged", StringComparison.Ordinal));
        Assert.Contains(d.Words.Zh, l => l.Contains("北京：40", StringComparison.Ordinal) && l.Contains("标注为小群体", StringComparison.Ordinal));
        Assert.DoesNotContain(d.Words.En, l => l.StartsWith("Introduces", StringComparison.Ordinal));
    }

    [Fact]
    public void A_disparity_that_disappears_because_its_cohort_became_too_small_is_said_to_be_no_longer_judged()
    {
        var born = new DateOnly(1980, 1, 1);
        var before = People("371082", born, 300, 15).Concat(People("110105", born, 150, 90, from: 300)).ToList();

        // The draft does not score 60 of Beijing's people (under a raised minimum age, say): 90 are left, 60 listed.
        var after = People("371082", born, 300, 15).Concat(People("110105", born, 150, 90, from: 300)
            .Select((o, i) => i >= 30 && i < 90 ? o with { Status = ScoreStatus.UnderAge, Score = null, Grade = null, Lists = [], Measures = [] } : o)).ToList();
        var d = Difference(before, after);

        var row = Row(d, "region", "listed:court-defaulters", "11");
        Assert.Equal(CohortChange.Removed, row.Disparity);
        Assert.True(row.After!.Small);
        Assert.Contains(d.Words.En, l => l.StartsWith("Removes", StringComparison.Ordinal) && l.Contains("not shown to be gone", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outcome_no_one_has_under_either_policy_is_reported_at_zero_with_nothing_flagged()
    {
        var born = new DateOnly(1980, 1, 1);
        var population = People("371082", born, 300, 0).Concat(People("110105", born, 300, 0, from: 300)).ToList();
        var d = Difference(population, population);

        foreach (var cohort in new[] { "37", "11" })
        {
            var row = Row(d, "region", "listed:court-defaulters", cohort);
            Assert.Equal((0.0, 0.0, 0.0), (row.Before!.Rate, row.After!.Rate, row.Change));
            Assert.Equal((0.0, 0.0), (row.After.RateLow, row.After.RateHigh));
            Assert.Equal(1.0, row.After.ImpactRatio);
            Assert.Equal(CohortChange.None, row.Disparity);
            Assert.Empty(row.Carriers);
        }

        Assert.Equal((0, 0, 0), (d.Introduced, d.Removed, d.Kept));
        Assert.Contains("The draft introduces no disparity and removes none.", d.Words.En);
        Assert.Contains("草案既未引入差异，也未消除差异。", d.Words.Zh);
    }

    [Fact]
    public void Organisations_are_compared_by_registration_region_and_organisation_type()
    {
        static SubjectOutcome Organisation(char category, string region, int i, bool listed) =>
            Made(SubjectIdentifiers.Parse(UnifiedSocialCreditCode.Create('9', category, region, $"MA{category}K{i:D4}"), Today), ScoreStatus.Scored, 900, "A",
                listed ? ["court-defaulters"] : [], listed ? ["restrict-flights", "grant-rental"] : ["grant-rental"], listed ? ["judgment-defaulter"] : []);

        // Enterprises (9-1) and individual businesses (9-2), each half in Shanghai and half in Guangdong.
        IEnumerable<SubjectOutcome> Population(Func<char, int, bool> listed) =>
            new[] { '1', '2' }.SelectMany(category => Enumerable.Range(0, 400).Select(i => Organisation(category, i % 2 == 0 ? "310115" : "440305", i, listed(category, i))));

        var d = Difference(Population((_, i) => i % 20 == 0), Population((category, i) => category == '2' ? i % 3 == 0 : i % 20 == 0), SubjectKind.Organisation);
        Assert.Equal(["region", "organisation-type"], d.Cohorts.Select(c => c.Dimension).Distinct());
        var row = Row(d, "organisation-type", "listed:court-defaulters", "9-2");
        Assert.Equal(CohortChange.Introduced, row.Disparity);
        Assert.Contains(d.Words.En, l => l.StartsWith("Introduces", StringComparison.Ordinal) && l.Contains("organisation type individual business (9-2)", StringComparison.Ordinal));
        Assert.Contains(d.Cohorts, c => c.Dimension == "region" && c.Cohort.Key == "31");
        Assert.DoesNotContain(d.Cohorts, c => c.Dimension is "sex" or "age-band");
    }

    [Fact]
    public void Without_a_baseline_every_disparity_of_the_draft_is_introduced_by_it()
    {
        var born = new DateOnly(1980, 1, 1);
        var after = People("371082", born, 300, 15).Concat(People("110105", born, 300, 180, from: 300)).ToList();
        var comparison = FairnessComparison.Compare(SubjectKind.Person, null, null, null, "test@2", after, Outcomes, Options);
        var d = comparison.ToDifference(Options);
        Assert.Null(d.Against);
        Assert.Null(d.AssessedBefore);
        Assert.Equal(d.FlaggedAfter, d.Introduced);
        Assert.True(d.Introduced > 0);
        Assert.All(d.Cohorts, c => Assert.Null(c.Before));
        Assert.All(d.Outcomes, o => Assert.False(o.InBaseline));
        Assert.StartsWith("Fairness of test@2, with no policy in force to compare with", d.Words.En[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_only_one_policy_has_is_compared_with_nothing_on_the_other_side()
    {
        var born = new DateOnly(1980, 1, 1);
        var population = People("371082", born, 300, 15).Concat(People("110105", born, 300, 15, from: 300)).ToList();
        ImmutableArray<AdverseOutcome> fewer = [.. Outcomes.Where(o => o.Id != "restricted:restrict-flights")];
        var d = FairnessComparison.Compare(SubjectKind.Person, "test@1", population, fewer, "test@2", population, Outcomes, Options).ToDifference(Options);
        var outcome = Assert.Single(d.Outcomes, o => o.Id == "restricted:restrict-flights");
        Assert.Equal((false, true), (outcome.InBaseline, outcome.InDraft));
        var row = Row(d, "region", "restricted:restrict-flights", "11");
        Assert.Null(row.Before);
        Assert.NotNull(row.After);
        Assert.Null(row.Change);
    }

    [Fact]
    public void The_same_outcomes_and_seed_give_the_same_section_and_another_seed_other_intervals()
    {
        var born = new DateOnly(1980, 1, 1);
        var before = People("371082", born, 300, 15).Concat(People("110105", born, 300, 15, from: 300)).ToList();
        var after = People("371082", born, 300, 15).Concat(People("110105", born, 300, 180, from: 300)).ToList();
        var one = Json(Difference(before, after));
        Assert.Equal(one, Json(Difference(before, after)));
        Assert.NotEqual(one, Json(Difference(before, after, options: Options with { Seed = 12 })));
    }
}
