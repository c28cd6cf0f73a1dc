using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>Promise 4: restrictions rest on adjudicated facts, in their own context.</summary>
public class RestrictionTests
{
    private const string GTrain = "    when: { list: court-defaulters }\n    relates-to: { areas: [judicial], matters: [court-judgments] }\n";

    [Theory]
    [InlineData("grade-at-most: C")]
    [InlineData("grade-at-least: A")]
    public void A_restriction_triggered_by_a_grade_is_refused(string trigger)
    {
        var yaml = Base.With("when: { list: court-defaulters }", $"when: {{ {trigger} }}");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.RestrictionNeedsAdjudicatedList));
        Assert.Equal("measures[0].when", p.Path);
        var (line, column) = At(yaml, $"when: {{ {trigger}");
        Assert.Equal((line, column + 6), (p.Line, p.Column));
        Assert.Contains("can only grant or withhold a reward", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restriction_triggered_by_a_grade_only_redlist_is_refused()
    {
        var yaml = Base.With("when: { list: court-defaulters }", "when: { list: good-standing }");
        var p = Assert.Single(Refused(yaml, PolicyRules.RestrictionNeedsAdjudicatedList));
        Assert.Equal("measures[0].when.list", p.Path);
    }

    [Fact]
    public void A_blacklist_resting_on_a_grade_is_refused_and_so_is_its_restriction()
    {
        var yaml = Base.AddList("""
              - id: low-scorers
                name: Low scorers
                kind: blacklist
                entry: { grade-at-most: C }
            """).With("when: { list: court-defaulters }", "when: { list: low-scorers }");
        var problems = RefusedOnly(yaml, PolicyRules.RestrictionNeedsAdjudicatedList);
        Assert.Equal(["lists[2].entry", "measures[0].when.list"], problems.Select(p => p.Path).Order());
    }

    [Fact]
    public void A_restriction_through_a_list_entered_by_a_non_adverse_type_is_refused()
    {
        var yaml = Base.With("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter, judgment-performed] }");
        var problems = RefusedOnly(yaml, PolicyRules.RestrictionNeedsAdjudicatedList);
        Assert.Equal(["lists[0].entry.active-record-of[1]", "measures[0].when.list"], problems.Select(p => p.Path).Order());
    }

    [Fact]
    public void A_restriction_in_an_unrelated_matter_is_refused()
    {
        var yaml = Base.With("matters: [court-judgments] }", "matters: [court-judgments, tax] }");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.RestrictionUnrelatedContext));
        Assert.Equal("measures[0].relates-to.matters[1]", p.Path);
        AssertAt(p, yaml, "tax]");
        Assert.Contains("'court-judgments'", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_restriction_in_an_unrelated_area_is_refused()
    {
        var yaml = Base.With("areas: [judicial]", "areas: [social]");
        Assert.Equal("measures[0].relates-to.areas[0]", Assert.Single(RefusedOnly(yaml, PolicyRules.RestrictionUnrelatedContext)).Path);
    }

    [Fact]
    public void A_restriction_through_a_list_of_other_matters_is_refused()
    {
        // The list rests on utility records; the measure claims the court-judgments context.
        var yaml = Base.AddList("""
              - id: utility-debtors
                name: Utility debtors
                kind: blacklist
                entry: { active-record-of: [late-utility-fees] }
            """).With("when: { list: court-defaulters }", "when: { list: utility-debtors }");
        var problems = RefusedOnly(yaml, PolicyRules.RestrictionUnrelatedContext);
        Assert.Equal(["measures[0].relates-to.areas[0]", "measures[0].relates-to.matters[0]"], problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData("    relates-to: { areas: [judicial], matters: [court-judgments] }\n", "")]
    [InlineData("relates-to: { areas: [judicial], matters: [court-judgments] }", "relates-to: { areas: [judicial] }")]
    [InlineData("relates-to: { areas: [judicial], matters: [court-judgments] }", "relates-to: { matters: [court-judgments] }")]
    public void A_restriction_must_name_its_context(string old, string replacement)
    {
        var p = Assert.Single(RefusedOnly(Base.With(old, replacement), PolicyRules.RestrictionUnrelatedContext));
        Assert.Equal("measures[0].relates-to", p.Path);
    }

    [Fact]
    public void A_grade_may_grant_a_reward_without_a_context() =>
        Assert.Equal("A", Valid().FindMeasure("grant-deposit-free-rental")!.Trigger.GradeAtLeast);

    [Fact]
    public void A_trigger_is_a_list_or_a_grade_never_both_nor_neither()
    {
        var both = Base.With("when: { grade-at-least: A }", "when: { grade-at-least: A, list: good-standing }");
        Assert.Equal("measures[1].when", Assert.Single(RefusedOnly(both, PolicyRules.BadValue)).Path);
        var neither = Base.With("when: { grade-at-least: A }", "when: {}");
        Assert.Equal("measures[1].when", Assert.Single(RefusedOnly(neither, PolicyRules.MissingKey)).Path);
    }

    [Fact]
    public void A_redlist_may_not_rest_on_adverse_records()
    {
        var yaml = Base.With("entry: { grade-at-least: A }", "entry: { active-record-of: [fare-evasion] }");
        Assert.Equal("lists[1].entry.active-record-of[0]", Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue)).Path);
    }

    [Theory]
    [InlineData("    matter: volunteering\n    points: 5\n", "    matter: volunteering\n    points: -5\n")]
    [InlineData("    matter: volunteering\n    points: 5\n", "    matter: volunteering\n    points: 0\n")]
    [InlineData("    matter: volunteering\n    points: 5\n", "    matter: volunteering\n    points: 5\n    per-unit: { points: -1, per: 1, unit: hours }\n")]
    [InlineData("    matter: court-judgments\n    points: -100\n", "    matter: heroic-acts\n    points: -100\n")]
    public void Reward_matters_are_for_positive_types_only(string old, string replacement)
    {
        var problems = Refused(Base.With(old, replacement), PolicyRules.RewardMatterPositiveOnly);
        Assert.EndsWith(".matter", Assert.Single(problems).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Fulfilment_and_repair_types_must_fit_their_role()
    {
        var adverseFulfilment = Base.With("fulfilled-by: [judgment-performed], term", "fulfilled-by: [fare-evasion], term");
        Assert.Equal("lists[0].exit.fulfilled-by[0]", Assert.Single(RefusedOnly(adverseFulfilment, PolicyRules.BadValue)).Path);
        var adverseRepair = Base.With("fulfilled-by: [judgment-performed] }", "fulfilled-by: [late-utility-fees] }");
        Assert.Equal("repair.qualifying[0].fulfilled-by[0]", Assert.Single(RefusedOnly(adverseRepair, PolicyRules.BadValue)).Path);
        var repairingAReward = Base.With("- { for: [judgment-defaulter]", "- { for: [volunteering]");
        Assert.Equal("repair.qualifying[0].for[0]", Assert.Single(RefusedOnly(repairingAReward, PolicyRules.BadValue)).Path);
    }

    [Fact]
    public void The_gtrain_fixture_is_what_the_tests_mutate() => Assert.Contains(GTrain, Base, StringComparison.Ordinal);
}
