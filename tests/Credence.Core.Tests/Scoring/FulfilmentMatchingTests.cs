using Credence.Core.Explanations;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Core.Tests.Policies;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

/// <summary>
/// A listing ends early only on the subject's own fulfilment of the obligation that listed it:
/// tax paid does not end a food-safety listing, a performed judgment does not end a tax listing.
/// </summary>
public class FulfilmentMatchingTests
{
    internal static readonly string OrganisationsYaml = File.ReadAllText(SamplePolicyTests.PathOf("organisations.yaml"));

    private const string SampleExit = """
              fulfilled-by:
                - { for: [tax-evasion], by: [tax-paid] }
                - { for: [food-safety-violation, product-quality-violation, environmental-penalty], by: [rectification-completed] }
        """;

    internal static readonly CompiledPolicy Organisations = Compile(OrganisationsYaml);

    private static CompiledPolicy Compile(string yaml) => CompiledPolicy.Compile(PolicyLoader.Load(yaml, "organisations.yaml").EnsureValid());

    /// <summary>The sample with its serious-violators exit replaced.</summary>
    private static string WithExit(string exit)
    {
        Assert.Contains(SampleExit, OrganisationsYaml, StringComparison.Ordinal);
        return OrganisationsYaml.Replace(SampleExit, exit.TrimEnd('\n'), StringComparison.Ordinal);
    }

    private static Assessment Assess(CompiledPolicy policy, DateTimeOffset asOf, params Record[] records) =>
        Explainer.Assess(SubjectFacts.Compile(policy, SubjectFile.Create(Acme, records)), asOf, true);

    private static Listing? Violators(Assessment a) => a.Listings.SingleOrDefault(l => l.List == "serious-violators");

    private static Record Org(string type, DateTimeOffset at, string? basis = "Hu Shi Jian Fa [2025] No. 2231", DateTimeOffset? reported = null) =>
        Rec(Acme, type, at, legalBasis: basis, source: "regulator", reported: reported);

    [Fact]
    public void Tax_paid_does_not_end_a_food_safety_listing_nor_lift_its_restriction()
    {
        var food = Org("food-safety-violation", T0);
        var paid = Org("tax-paid", T0.AddDays(30));
        var a = Assess(Organisations, T0.AddDays(31), food, paid);
        var listing = Violators(a);
        Assert.NotNull(listing);
        Assert.Equal([food.Key], listing.Records.ToArray());
        Assert.Equal(T0.AddYears(3), listing.Until);
        Assert.False(Decider.Decide(a, Organisations.Policy, "procurement.bid")!.Allowed);

        // The path forward names only what answers the food-safety violation.
        var exit = Assert.Single(a.PathForward.ListingExits, e => e.List == "serious-violators");
        Assert.Equal(["rectification-completed"], exit.EndsOnRecordOf.ToArray());
    }

    [Fact]
    public void The_rectification_that_answers_it_ends_the_food_safety_listing_from_when_it_is_known()
    {
        var food = Org("food-safety-violation", T0);
        var rectified = Org("rectification-completed", T0.AddDays(30), reported: T0.AddDays(35));
        Assert.NotNull(Violators(Assess(Organisations, T0.AddDays(35).AddTicks(-1), food, rectified)));
        var after = Assess(Organisations, T0.AddDays(35), food, rectified);
        Assert.Null(Violators(after));
        Assert.True(Decider.Decide(after, Organisations.Policy, "procurement.bid")!.Allowed);
    }

    [Fact]
    public void Tax_paid_ends_a_tax_evasion_listing_and_a_rectification_does_not()
    {
        var evasion = Org("tax-evasion", T0, basis: "Hu Shui Ji Fa [2025] No. 17");
        Assert.Null(Violators(Assess(Organisations, T0.AddDays(31), evasion, Org("tax-paid", T0.AddDays(30)))));
        Assert.NotNull(Violators(Assess(Organisations, T0.AddDays(31), evasion, Org("rectification-completed", T0.AddDays(30)))));
    }

    [Fact]
    public void With_two_violations_each_fulfilment_ends_only_its_own_hold()
    {
        var evasion = Org("tax-evasion", T0, basis: "Hu Shui Ji Fa [2025] No. 17");
        var food = Org("food-safety-violation", T0.AddDays(10));
        var paid = Org("tax-paid", T0.AddDays(30));
        var rectified = Org("rectification-completed", T0.AddDays(60));

        var between = Assess(Organisations, T0.AddDays(40), evasion, food, paid, rectified);
        Assert.Equal([food.Key], Violators(between)!.Records.ToArray());
        Assert.Equal(T0.AddDays(10).AddYears(3), Violators(between)!.Until);

        // The stored listing term (what the registry keeps) says the same.
        var facts = SubjectFacts.Compile(Organisations, SubjectFile.Create(Acme, [evasion, food, paid, rectified]));
        var at = T0.AddDays(40);
        var term = Assert.Single(ListingTerms.At(facts, at, ScoringEngine.Evaluate(facts, at, true)), t => t.List == Organisations.ListIndex("serious-violators"));
        Assert.Equal(T0.AddDays(10), term.Since);
        Assert.Equal(T0.AddDays(10).AddYears(3), term.Until);

        Assert.Null(Violators(Assess(Organisations, T0.AddDays(60), evasion, food, paid, rectified)));
    }

    [Theory]
    [InlineData("judgment-performed")]
    [InlineData("a-grade-taxpayer")]
    [InlineData("tax-paid")]
    public void No_other_record_ends_a_food_safety_listing(string type)
    {
        var food = Org("food-safety-violation", T0);
        var other = Rec(Acme, type, T0.AddDays(1), source: "other", legalBasis: "Hu Shi Jian Fa [2025] No. 2231, rectification accepted");
        Assert.NotNull(Violators(Assess(Organisations, T0.AddDays(2), food, other)));
    }

    [Fact]
    public void A_court_listing_is_not_ended_by_paying_tax_or_rectifying()
    {
        var defaulter = Rec(Acme, "judgment-defaulter", T0);
        foreach (var type in new[] { "tax-paid", "rectification-completed" })
        {
            var a = Assess(Organisations, T0.AddDays(40), defaulter, Org(type, T0.AddDays(30)));
            Assert.Contains(a.Listings, l => l.List == "court-defaulters");
        }

        Assert.DoesNotContain(Assess(Organisations, T0.AddDays(40), defaulter, Rec(Acme, "judgment-performed", T0.AddDays(30))).Listings, l => l.List == "court-defaulters");
    }

    [Fact]
    public void In_the_short_form_a_type_answers_only_the_entry_types_of_its_own_matter()
    {
        // The sample's exit before this rule: valid, since each type answers some entry type.
        var policy = Compile(WithExit("      fulfilled-by: [rectification-completed, tax-paid]"));
        var food = Org("food-safety-violation", T0);
        var quality = Org("product-quality-violation", T0);
        var evasion = Org("tax-evasion", T0, basis: "Hu Shui Ji Fa [2025] No. 17");
        Assert.NotNull(Violators(Assess(policy, T0.AddDays(31), food, Org("tax-paid", T0.AddDays(30)))));
        Assert.NotNull(Violators(Assess(policy, T0.AddDays(31), evasion, Org("rectification-completed", T0.AddDays(30)))));
        Assert.Null(Violators(Assess(policy, T0.AddDays(31), evasion, Org("tax-paid", T0.AddDays(30)))));
        Assert.Null(Violators(Assess(policy, T0.AddDays(31), quality, Org("rectification-completed", T0.AddDays(30)))));

        // rectification-completed is about product quality: in the short form it does not answer food safety.
        Assert.NotNull(Violators(Assess(policy, T0.AddDays(31), food, Org("rectification-completed", T0.AddDays(30)))));
    }

    [Fact]
    public void A_rule_answers_only_the_entry_types_it_names_even_of_the_same_matter()
    {
        var yaml = WithExit("      fulfilled-by:\n        - { for: [tax-evasion], by: [tax-paid] }\n        - { for: [product-quality-violation], by: [rectification-completed] }")
            .Replace("active-record-of: [tax-evasion, food-safety-violation", "active-record-of: [tax-evasion, tax-arrears, food-safety-violation", StringComparison.Ordinal);
        var policy = Compile(yaml);
        var arrears = Org("tax-arrears", T0, basis: "Hu Shui Zhui [2025] No. 9");
        var evasion = Org("tax-evasion", T0, basis: "Hu Shui Ji Fa [2025] No. 17");
        Assert.NotNull(Violators(Assess(policy, T0.AddDays(31), arrears, Org("tax-paid", T0.AddDays(30)))));
        Assert.Null(Violators(Assess(policy, T0.AddDays(31), evasion, Org("tax-paid", T0.AddDays(30)))));
        Assert.Null(Violators(Assess(policy, T0.AddDays(31), Org("product-quality-violation", T0), Org("rectification-completed", T0.AddDays(30)))));
        Assert.NotNull(Violators(Assess(policy, T0.AddDays(31), Org("environmental-penalty", T0, basis: "Hu Huan Fa [2025] No. 3"), Org("rectification-completed", T0.AddDays(30)))));
    }

    [Fact]
    public void A_fulfilment_before_the_violation_does_not_end_it()
    {
        var rectified = Org("rectification-completed", T0);
        var food = Org("food-safety-violation", T0.AddDays(5));
        Assert.NotNull(Violators(Assess(Organisations, T0.AddDays(6), rectified, food)));
    }

    [Fact]
    public void A_withdrawn_fulfilment_no_longer_ends_the_listing()
    {
        var food = Org("food-safety-violation", T0);
        var rectified = Org("rectification-completed", T0.AddDays(30));
        Assert.Null(Violators(Assess(Organisations, T0.AddDays(31), food, rectified)));
        Assert.NotNull(Violators(Assess(Organisations, T0.AddDays(41), food, rectified, Withdraw(rectified, T0.AddDays(40)))));
    }
}
