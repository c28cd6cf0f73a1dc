using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>
/// Promise 4 through grants: a grant may only give a benefit, a restriction may only withhold an
/// entitlement, so "grade below B: no air ticket" cannot be written as a reward.
/// </summary>
public class CapabilityKindTests
{
    private const string FlightGrant = """
          - id: grant-flights
            name: Flights for good citizens
            effect: grant
            capability: air.ticket
            when: { grade-at-least: B }
        """;

    private static string GrantOn(string capability, string trigger = "grade-at-least: B", string name = "A reward") => Base.AddMeasure($$"""
          - id: grant-something
            name: {{name}}
            effect: grant
            capability: {{capability}}
            when: { {{trigger}} }
        """);

    private static string Benefit(string id, string? name = null, string? description = null) =>
        $"  - {{ id: {id}, kind: benefit{(name is null ? string.Empty : $", name: \"{name}\"")}{(description is null ? string.Empty : $", description: \"{description}\"")} }}";

    [Fact]
    public void A_grade_gated_grant_on_an_undeclared_air_ticket_is_refused_where_it_is_written()
    {
        var yaml = Base.AddMeasure(FlightGrant);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.GrantOnEntitlement));
        Assert.Equal("measures[2].effect", p.Path);
        var (line, _) = At(yaml, "id: grant-flights");
        Assert.Equal((line + 2, 13), (p.Line, p.Column));
        Assert.Contains("'air.ticket'", p.Message, StringComparison.Ordinal);
        Assert.Contains("does not declare", p.Message, StringComparison.Ordinal);
        Assert.Contains("restriction resting on a score", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_on_a_declared_entitlement_is_refused()
    {
        var yaml = Base.AddMeasure(FlightGrant).AddCapability("  - { id: air.ticket, kind: entitlement }");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.GrantOnEntitlement));
        Assert.Contains("declares an entitlement", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grant_through_a_grade_based_redlist_on_an_air_ticket_is_refused_even_when_declared_a_benefit()
    {
        var yaml = Base.AddMeasure(FlightGrant.Replace("grade-at-least: B", "list: good-standing", StringComparison.Ordinal))
            .AddCapability(Benefit("air.ticket"));
        var problems = RefusedOnly(yaml, PolicyRules.GrantOnEntitlement);
        Assert.Equal(["capabilities[2].id", "measures[2].effect"], problems.Select(p => p.Path).Order());
        Assert.Contains("names an entitlement ('air')", problems.Single(p => p.Path == "capabilities[2].id").Message, StringComparison.Ordinal);
        AssertAt(problems.Single(p => p.Path == "capabilities[2].id"), yaml, "air.ticket, kind: benefit");
    }

    // Entitlements in other wordings: travel, tickets, schooling, housing, work, public services,
    // market access, ordinary purchases; English and Chinese, every case and separator.
    [Theory]
    [InlineData("flights")]
    [InlineData("air.travel")]
    [InlineData("rail.ticket")]
    [InlineData("rail.d-train.tickets")]
    [InlineData("train-travel")]
    [InlineData("bus.boarding")]
    [InlineData("metro.entry")]
    [InlineData("ferry")]
    [InlineData("passport.issuance")]
    [InlineData("hotel.star-rated")]
    [InlineData("housing.rental")]
    [InlineData("apartment-lease")]
    [InlineData("property.purchase")]
    [InlineData("college.admission")]
    [InlineData("university-enrolment")]
    [InlineData("education")]
    [InlineData("jobs.application")]
    [InlineData("employment")]
    [InlineData("work.permit")]
    [InlineData("civil-service.exam")]
    [InlineData("utilities.water")]
    [InlineData("electricity")]
    [InlineData("bank.account")]
    [InlineData("mobile-phone")]
    [InlineData("procurement.bid")]
    [InlineData("business-licence")]
    [InlineData("leisure.golf")]
    [InlineData("social-insurance")]
    public void A_grant_on_an_entitlement_in_any_wording_is_refused_even_when_declared_a_benefit(string capability)
    {
        var problems = RefusedOnly(GrantOn(capability).AddCapability(Benefit(capability)), PolicyRules.GrantOnEntitlement);
        Assert.Contains(problems, p => p.Path == "capabilities[2].id");
        Assert.Contains(problems, p => p.Path == "measures[2].effect");
        Assert.Single(RefusedOnly(GrantOn(capability), PolicyRules.GrantOnEntitlement));
    }

    [Theory]
    [InlineData("Air tickets")]
    [InlineData("AIR TICKETS")]
    [InlineData("Ａｉｒ ｔｉｃｋｅｔｓ")]
    [InlineData("AirTickets")]
    [InlineData("air_tickets")]
    [InlineData("Tic\u200Bkets")]
    [InlineData("Tíckets")]
    [InlineData("Ticкets")]
    [InlineData("School admission")]
    [InlineData("Renting a flat")]
    [InlineData("Hiring")]
    [InlineData("机票")]
    [InlineData("高铁车票")]
    [InlineData("機票")]
    [InlineData("子女入学")]
    [InlineData("租房")]
    [InlineData("就业")]
    [InlineData("住房")]
    [InlineData("乘坐飞机")]
    [InlineData("酒店住宿")]
    public void A_benefit_whose_name_names_an_entitlement_is_refused(string name)
    {
        var yaml = GrantOn("perk.one").AddCapability(Benefit("perk.one", name));
        var problems = Refused(yaml, PolicyRules.GrantOnEntitlement);
        Assert.Contains(problems, p => p.Path == "capabilities[2].name");
        Assert.Contains(problems, p => p.Path == "measures[2].effect");
    }

    [Fact]
    public void A_benefit_whose_description_names_an_entitlement_is_refused()
    {
        var yaml = GrantOn("perk.one").AddCapability(Benefit("perk.one", "Perk", "Whether the subject may board a G-train."));
        Assert.Contains(Refused(yaml, PolicyRules.GrantOnEntitlement), p => p.Path == "capabilities[2].description");
    }

    [Theory]
    [InlineData("Air tickets for AA citizens", "name")]
    [InlineData("航班", "name")]
    [InlineData("Reward", "description")]
    public void A_grant_that_names_an_entitlement_in_its_own_text_is_refused(string text, string field)
    {
        var yaml = field == "name"
            ? GrantOn("deposit-free-rental", name: text)
            : GrantOn("deposit-free-rental").With("    name: A reward\n", "    name: A reward\n    description: Lets the subject buy train tickets.\n");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.GrantOnEntitlement));
        Assert.Equal($"measures[2].{field}", p.Path);
    }

    [Fact]
    public void A_restriction_on_a_declared_benefit_is_refused()
    {
        var yaml = Base.With("  - { id: rail.g-train.ticket, kind: entitlement }\n", string.Empty)
            .With("capability: rail.g-train.ticket", "capability: deposit-free-rental");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.RestrictionOnBenefit));
        Assert.Equal("measures[0].effect", p.Path);
        AssertAt(p, yaml, "restrict\n    capability: deposit-free-rental");
        Assert.Contains("only ever given by a grant", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bike.deposit-free-rental", "Deposit-free rental of flats, bicycles and power banks")]
    [InlineData("transit.fare-discount", "Public transport fare discount")]
    [InlineData("customs.fast-track", "Customs fast track")]
    [InlineData("tax.simplified-invoicing", "Simplified invoicing")]
    [InlineData("air.ticket.priority-boarding", "Priority boarding")]
    [InlineData("rail.ticket-discount", "Ticket discount")]
    [InlineData("hotel.room-upgrade", "Room upgrade")]
    [InlineData("airport.lounge", "Airport lounge")]
    [InlineData("rental.no-deposit", "No deposit for rentals")]
    [InlineData("loan.lower-interest", "Lower interest on loans")]
    [InlineData("library.extended-loan-periods", "Extended loan periods at libraries")]
    [InlineData("green-channel", "办事绿色通道")]
    [InlineData("rental.deposit-free", "免押金租房")]
    [InlineData("transit.discount", "公交优惠")]
    [InlineData("volunteer-award", "Volunteer award")]
    public void Benefits_that_say_what_reward_they_give_pass(string capability, string name) =>
        Accepted(GrantOn(capability, name: name).AddCapability(Benefit(capability, name)));

    [Fact]
    public void A_restriction_on_an_undeclared_capability_is_a_restriction_on_an_entitlement()
    {
        var yaml = Base.With("  - { id: rail.g-train.ticket, kind: entitlement }\n", string.Empty);
        var policy = Valid(yaml);
        Assert.Equal(CapabilityKind.Entitlement, policy.KindOf("rail.g-train.ticket"));
        Assert.Null(policy.FindCapability("rail.g-train.ticket"));
        Assert.Equal(CapabilityKind.Benefit, policy.KindOf("deposit-free-rental"));
    }

    [Fact]
    public void An_undeclared_benefit_must_be_declared_before_a_grant_may_give_it()
    {
        var yaml = Base.With("  - { id: deposit-free-rental, kind: benefit }\n", string.Empty);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.GrantOnEntitlement));
        Assert.Equal("measures[1].effect", p.Path);
        Assert.Contains("declare it with kind: benefit", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_have_their_shape()
    {
        Assert.Equal("capabilities[2].id", Assert.Single(RefusedOnly(Base.AddCapability("  - { id: deposit-free-rental, kind: benefit }"), PolicyRules.DuplicateId)).Path);
        Assert.Equal("capabilities[2].kind", Assert.Single(RefusedOnly(Base.AddCapability("  - { id: perk, kind: reward }"), PolicyRules.BadValue)).Path);
        Assert.Equal("capabilities[2].kind", Assert.Single(RefusedOnly(Base.AddCapability("  - { id: perk }"), PolicyRules.MissingKey)).Path);
        Assert.Equal("capabilities[2].id", Assert.Single(RefusedOnly(Base.AddCapability("  - { id: Perk_One, kind: benefit }"), PolicyRules.BadValue)).Path);
        Assert.Equal("capabilities[2].grant", Assert.Single(RefusedOnly(Base.AddCapability("  - { id: perk, kind: benefit, grant: always }"), PolicyRules.UnknownKey)).Path);
        Assert.Equal("capabilities[2].exempt", Assert.Single(RefusedOnly(Base.AddCapability("  - { id: perk, kind: benefit, exempt: true }"), PolicyRules.NoExemptions)).Path);
    }

    [Fact]
    public void Declarations_are_checked_for_protected_matters_other_subjects_and_identities()
    {
        Assert.Equal("capabilities[2].name", Assert.Single(RefusedOnly(Base.AddCapability(Benefit("perk", "Church discount")), PolicyRules.ProtectedMatter)).Path);
        Assert.Equal("capabilities[2].name", Assert.Single(RefusedOnly(Base.AddCapability(Benefit("perk", "Discount for the guarantor")), PolicyRules.OwnRecordsOnly)).Path);
        Assert.Equal("capabilities[2].description", Assert.Single(RefusedOnly(Base.AddCapability(Benefit("perk", "Perk", "Only for 11010519491231002X.")), PolicyRules.NoSubjectByIdentity)).Path);
    }

    [Fact]
    public void Code_built_policies_are_held_to_the_same_kinds()
    {
        var policy = Valid();
        Assert.True(PolicyValidator.IsValid(policy));
        var grant = policy.Measures[1] with { Capability = "air.ticket" };
        var refused = PolicyValidator.Validate(policy with { Measures = policy.Measures.SetItem(1, grant) });
        var p = Assert.Single(refused);
        Assert.Equal((PolicyRules.GrantOnEntitlement, "measures[1].effect", 0), (p.Rule, p.Path, p.Line));
        var undeclared = PolicyValidator.Validate(policy with { Capabilities = ImmutableArray<CapabilityDefinition>.Empty });
        Assert.Equal("measures[1].effect", Assert.Single(undeclared).Path);
        var restricted = policy.Measures[0] with { Capability = "deposit-free-rental" };
        Assert.Contains(PolicyValidator.Validate(policy with { Measures = policy.Measures.SetItem(0, restricted) }), p => p.Rule == PolicyRules.RestrictionOnBenefit);
    }
}
