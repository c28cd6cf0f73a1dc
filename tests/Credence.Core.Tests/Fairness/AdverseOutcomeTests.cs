using Credence.Core.Explanations;
using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Core.Policies.Loading;
using Credence.Core.Scoring;
using static Credence.Core.Tests.Fairness.Population;

namespace Credence.Core.Tests.Fairness;

/// <summary>The adverse outcomes a policy gives, how each reads a subject's outcome, and the comparison of two outcome sets.</summary>
public class AdverseOutcomeTests
{
    private static readonly Core.Policies.Policy Rongcheng = PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", "rongcheng-persons.yaml")).Policy!;

    [Fact]
    public void A_policys_outcomes_are_its_blacklists_redlists_restrictions_benefits_and_the_lowest_grade_by_default()
    {
        var outcomes = AdverseOutcomes.Of(Rongcheng);
        Assert.Contains(outcomes, o => o.Id == "listed:court-defaulters" && o.Kind == AdverseOutcomeKind.Listed);
        Assert.Contains(outcomes, o => o.Id == "not-on-redlist:honest-citizens" && o.Kind == AdverseOutcomeKind.NotOnRedlist);
        Assert.Contains(outcomes, o => o.Id == "restricted:restrict-flights");
        Assert.Contains(outcomes, o => o.Id == "benefit-not-granted:grant-deposit-free-rental");
        Assert.Equal("grade-at-or-below:D", outcomes[^1].Id);
        Assert.Equal(["D"], outcomes[^1].Grades.ToList());
        Assert.Equal(["C", "D"], AdverseOutcomes.Of(Rongcheng, "C")[^1].Grades.ToList());
        Assert.Equal(["AAA", "AA", "A", "B", "C", "D"], AdverseOutcomes.Of(Rongcheng, "AAA")[^1].Grades.ToList());
    }

    [Theory]
    [InlineData("E")]
    [InlineData("c")] // grades are names exactly as the policy writes them
    [InlineData("Ｃ")]
    [InlineData("C ")]
    [InlineData("")]
    public void A_grade_the_policy_does_not_have_is_refused(string grade)
    {
        Assert.Throws<ArgumentException>(() => AdverseOutcomes.Of(Rongcheng, grade));
        Assert.False(AdverseOutcomes.HasGrade(Rongcheng, grade));
    }

    [Fact]
    public void Each_outcome_reads_a_subject_and_the_grade_does_not_apply_to_the_ungraded()
    {
        var outcomes = AdverseOutcomes.Of(Rongcheng, "C").ToDictionary(o => o.Id);
        var subject = Person("371082", new DateOnly(1980, 1, 1), 5);
        var listed = Made(subject, ScoreStatus.Scored, 580, "D", ["court-defaulters"], ["restrict-flights"], ["judgment-defaulter"]);
        Assert.True(outcomes["listed:court-defaulters"].IsAdverse(listed));
        Assert.True(outcomes["not-on-redlist:honest-citizens"].IsAdverse(listed));
        Assert.True(outcomes["restricted:restrict-flights"].IsAdverse(listed));
        Assert.False(outcomes["restricted:restrict-golf"].IsAdverse(listed));
        Assert.True(outcomes["benefit-not-granted:grant-deposit-free-rental"].IsAdverse(listed));
        Assert.True(outcomes["grade-at-or-below:C"].IsAdverse(listed));

        var honest = Made(subject, ScoreStatus.Scored, 1060, "AAA", ["honest-citizens"], ["grant-deposit-free-rental"], []);
        Assert.False(outcomes["not-on-redlist:honest-citizens"].IsAdverse(honest));
        Assert.False(outcomes["benefit-not-granted:grant-deposit-free-rental"].IsAdverse(honest));
        Assert.False(outcomes["grade-at-or-below:C"].IsAdverse(honest));

        var noConsent = Made(subject, ScoreStatus.NoConsent, null, null, [], [], []);
        Assert.Null(outcomes["grade-at-or-below:C"].IsAdverse(noConsent));
    }

    [Fact]
    public void Persons_under_the_minimum_age_and_subjects_not_covered_are_counted_outside_the_population()
    {
        var adult = Outcome(Person("371082", new DateOnly(1980, 1, 1), 5), false, true, "A");
        var minor = Made(Person("371082", new DateOnly(2015, 1, 1), 7), ScoreStatus.UnderAge, null, null, [], [], []);
        var organisation = Made(SubjectIdentifiers.Parse(UnifiedSocialCreditCode.Create('9', '1', "310115", "MA1K2L3P"), Today), ScoreStatus.Scored, 900, "A", [], [], []);
        var section = Section([adult, minor, organisation]);
        Assert.Equal((1, 1, 1), (section.Assessed, section.UnderAge, section.NotCovered));
        Assert.DoesNotContain(section.Dimensions.Single(d => d.Dimension == "age-band").Cohorts, c => c.Key == "under-18");
    }

    [Fact]
    public void A_draft_that_lists_one_cohort_more_adds_a_flag_and_says_so()
    {
        var before = Population.Cohort(0, 300, 15).Concat(Population.Cohort(1, 300, 15, offset: 5000)).ToList();
        var after = Population.Cohort(0, 300, 15).Concat(Population.Cohort(1, 300, 180, offset: 5000)).ToList();
        var options = new FairnessOptions(AsOf, 3, 100, 200);
        var comparison = FairnessComparison.Compare(SubjectKind.Person, "test@1", before, Outcomes, "test@2", after, Outcomes, options);
        Assert.DoesNotContain(comparison.Before!.Findings, f => f.Dimension == "region");
        var added = Assert.Single(comparison.Changes, c => c.Dimension == "region" && c.Outcome == "listed:court-defaulters" && c.Cohort.Key == "11");
        Assert.True(added.FlaggedAfter);
        Assert.False(added.FlaggedBefore);
        Assert.Equal(0.05, added.Before!.Rate!.Value, 6);
        Assert.Equal(0.6, added.After!.Rate!.Value, 6);
        Assert.Contains(comparison.Words.En, l => l.StartsWith("Introduces [the four-fifths rule", StringComparison.Ordinal) && l.Contains("region (province) Beijing: listed on court-defaulters", StringComparison.Ordinal));
        Assert.Contains(comparison.Words.Zh, l => l.StartsWith("新增【五分之四规则", StringComparison.Ordinal));
        Assert.Empty(FairnessComparison.Of(comparison.Before, comparison.Before!, options).Changes);
    }

    [Fact]
    public void The_report_says_in_both_languages_what_it_finds_and_which_record_types_carry_it()
    {
        var section = Section(Population.Cohort(0, 400, 8).Concat(Population.Cohort(1, 400, 200, type: "tax-evasion", offset: 5000)), minCohort: 100);
        var finding = section.Findings.First(f => f.Dimension == "region" && f.Outcome.Id == "listed:court-defaulters");
        Assert.Equal("tax-evasion", finding.Carriers[0].Type);
        Assert.Contains(section.Words.En, l => l.Contains("[the four-fifths rule", StringComparison.Ordinal) && l.Contains("Beijing", StringComparison.Ordinal) && l.Contains("tax-evasion (+", StringComparison.Ordinal));
        Assert.Contains(section.Words.Zh, l => l.Contains("五分之四规则", StringComparison.Ordinal) && l.Contains("北京", StringComparison.Ordinal) && l.Contains("tax-evasion（高", StringComparison.Ordinal));
        Assert.Equal(section.Words.En.Length, section.Words.Zh.Length);
    }
}
