using Credence.Core.Policies;
using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>
/// A list's exit says which fulfilment answers which entry type: in the short form each type
/// answers the entry types of its own matter, in the explicit form the entry types its rule names.
/// A fulfilment type that can answer none of the list's entry types is refused.
/// </summary>
public class FulfilmentPairingTests
{
    private const string Types = """
          - id: utility-arrears-paid
            name: Utility arrears paid
            area: social
            matter: utilities
            lasts: 1y
            severity: general
            fulfils-obligation: true
          - id: fare-paid
            name: Fare and surcharge paid
            area: administrative
            matter: public-transport-fares
            lasts: 1y
            severity: general
            fulfils-obligation: true
        """;

    /// <summary>The base policy with a second blacklist, entered by two matters, whose exit is <paramref name="exit"/>.</summary>
    private static string Petty(string exit) => Base.AddRecordType(Types).AddList($$"""
          - id: petty-violators
            name: Petty violators
            kind: blacklist
            entry: { active-record-of: [late-utility-fees, fare-evasion] }
            exit:
        {{exit}}
        """);

    private const string Rules = """
              fulfilled-by:
                - { for: [late-utility-fees], by: [utility-arrears-paid] }
                - { for: [fare-evasion], by: [fare-paid] }
        """;

    [Fact]
    public void Rules_that_pair_each_violation_with_its_own_fulfilment_are_accepted()
    {
        var p = Valid(Petty(Rules));
        var exit = p.FindList("petty-violators")!.Exit;
        Assert.Empty(exit.FulfilledBy);
        Assert.Equal(2, exit.Rules.Length);
        Assert.Equal(["late-utility-fees"], exit.Rules[0].For.AsEnumerable());
        Assert.Equal(["utility-arrears-paid", "fare-paid"], exit.AllFulfilmentTypes.AsEnumerable());
    }

    [Fact]
    public void The_short_form_over_two_matters_is_accepted_and_pairs_by_matter() =>
        Accepted(Petty("      fulfilled-by: [utility-arrears-paid, fare-paid]"));

    [Fact]
    public void A_short_form_type_that_answers_none_of_the_entry_types_is_refused()
    {
        var yaml = Petty("      fulfilled-by: [utility-arrears-paid, judgment-performed]");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.ExitNeedsOwnFulfilment));
        Assert.Equal("lists[2].exit.fulfilled-by[1]", p.Path);
        Assert.Contains("cannot show that obligation fulfilled", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- { for: [late-utility-fees], by: [fare-paid] }", "lists[2].exit.fulfilled-by[0].by[0]")]
    [InlineData("- { for: [fare-evasion], by: [utility-arrears-paid] }", "lists[2].exit.fulfilled-by[0].by[0]")]
    [InlineData("- { for: [fare-evasion, late-utility-fees], by: [judgment-performed] }", "lists[2].exit.fulfilled-by[0].by[0]")]
    [InlineData("- { for: [late-utility-fees], by: [utility-arrears-paid, judgment-performed] }", "lists[2].exit.fulfilled-by[0].by[1]")]
    public void A_rule_whose_fulfilment_answers_none_of_its_entry_types_is_refused(string rule, string path)
    {
        var yaml = Petty($"      fulfilled-by:\n        {rule}");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.ExitNeedsOwnFulfilment));
        Assert.Equal(path, p.Path);
        Assert.Contains("fulfilment rule 1", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_for_a_type_that_does_not_enter_the_list_is_refused()
    {
        var yaml = Petty("      fulfilled-by:\n        - { for: [judgment-defaulter], by: [judgment-performed] }");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue));
        Assert.Equal("lists[2].exit.fulfilled-by[0].for[0]", p.Path);
        AssertAt(p, yaml, "judgment-defaulter], by");
        Assert.Contains("not entered by it", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_names_an_unknown_type_is_refused()
    {
        Assert.Equal("lists[2].exit.fulfilled-by[0].for[0]", Assert.Single(RefusedOnly(Petty("      fulfilled-by:\n        - { for: [nothing-here], by: [fare-paid] }"), PolicyRules.UnknownReference)).Path);
        Assert.Equal("lists[2].exit.fulfilled-by[0].by[0]", Assert.Single(RefusedOnly(Petty("      fulfilled-by:\n        - { for: [fare-evasion], by: [nothing-done] }"), PolicyRules.UnknownReference)).Path);
    }

    [Theory]
    [InlineData("- { for: [fare-evasion] }", "lists[2].exit.fulfilled-by[0].by")]
    [InlineData("- { by: [fare-paid] }", "lists[2].exit.fulfilled-by[0].for")]
    public void A_rule_needs_both_sides(string rule, string path) =>
        Assert.Contains(Refused(Petty($"      fulfilled-by:\n        {rule}"), PolicyRules.MissingKey), p => p.Path == path);

    [Fact]
    public void Ids_and_rules_do_not_mix()
    {
        var yaml = Petty("      fulfilled-by:\n        - fare-paid\n        - { for: [late-utility-fees], by: [utility-arrears-paid] }");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue));
        Assert.Equal("lists[2].exit.fulfilled-by[0]", p.Path);
        Assert.Contains("not both", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("note")]
    [InlineData("after")]
    [InlineData("approved-by")]
    public void A_rule_has_only_for_and_by(string key) =>
        Assert.NotEmpty(Refused(Petty($"      fulfilled-by:\n        - {{ for: [fare-evasion], by: [fare-paid], {key}: x }}"), PolicyRules.UnknownKey));

    [Theory]
    [InlineData("except")]
    [InlineData("exempt")]
    public void A_rule_that_reaches_for_an_exemption_is_refused_by_its_promise(string key) =>
        Assert.NotEmpty(Refused(Petty($"      fulfilled-by:\n        - {{ for: [fare-evasion], by: [fare-paid], {key}: x }}"), PolicyRules.NoExemptions));

    [Theory]
    [InlineData("Fare waived by the transit authority", null)]
    [InlineData("Fare paid", "Or pardoned by the city.")]
    [InlineData("特批免除票款", null)]
    [InlineData("ＡＭＮＥＳＴＹ", null)]
    public void A_rule_cannot_pair_a_favour_with_a_violation(string name, string? description)
    {
        var yaml = Petty(Rules).With("name: Fare and surcharge paid", $"name: \"{name}\"" + (description is null ? string.Empty : $"\n    description: \"{description}\""));
        Assert.Contains(RefusedOnly(yaml, PolicyRules.ExitNeedsOwnFulfilment), p => p.Path.StartsWith("record-types[6].", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_cannot_pair_a_type_not_marked_as_fulfilment_nor_an_adverse_one()
    {
        var unmarked = Petty(Rules).With("matter: public-transport-fares\n    lasts: 1y\n    severity: general\n    fulfils-obligation: true", "matter: public-transport-fares\n    lasts: 1y\n    severity: general");
        Assert.Equal("lists[2].exit.fulfilled-by[1].by[0]", Assert.Single(RefusedOnly(unmarked, PolicyRules.ExitNeedsOwnFulfilment)).Path);
        var adverse = Petty("      fulfilled-by:\n        - { for: [late-utility-fees], by: [fare-evasion] }");
        Assert.Contains(Refused(adverse, PolicyRules.BadValue), p => p.Path == "lists[2].exit.fulfilled-by[0].by[0]");
    }

    [Fact]
    public void A_rule_never_names_a_subject()
    {
        var yaml = Petty("      fulfilled-by:\n        - { for: [fare-evasion], by: [fare-paid, 11010519491231002X] }");
        Assert.Contains(Refused(yaml, PolicyRules.NoSubjectByIdentity), p => p.Path == "lists[2].exit.fulfilled-by[0].by[1]");
    }

    [Fact]
    public void A_policy_built_in_code_is_checked_the_same_way()
    {
        var p = Valid(Petty(Rules));
        var list = p.FindList("petty-violators")!;
        var bad = list with { Exit = list.Exit with { Rules = [new ExitFulfilment(["judgment-defaulter"], ["fare-paid"])] } };
        var policy = p with { Lists = p.Lists.Replace(list, bad) };
        var findings = PolicyValidator.Validate(policy);
        Assert.Contains(findings, f => f.Rule == PolicyRules.BadValue && f.Path == "lists[2].exit.fulfilled-by[0].for[0]");
        Assert.Contains(findings, f => f.Rule == PolicyRules.ExitNeedsOwnFulfilment && f.Path == "lists[2].exit.fulfilled-by[0].by[0]");
    }
}
