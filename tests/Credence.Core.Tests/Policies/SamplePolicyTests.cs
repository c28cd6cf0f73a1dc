using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;

namespace Credence.Core.Tests.Policies;

public class SamplePolicyTests
{
    public static TheoryData<string> Samples => new() { "rongcheng-persons.yaml", "court-defaulters.yaml", "organisations.yaml", "sesame-persons.yaml" };

    internal static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "policies", file);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_loads_and_passes_its_profile(string file)
    {
        var result = PolicyLoader.LoadFile(PathOf(file));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(JurisdictionProfile.PrcCreditRepair, result.EnsureValid().Profile);
    }

    [Fact]
    public void Rongcheng_policy_reads_as_declared()
    {
        var p = PolicyLoader.LoadFile(PathOf("rongcheng-persons.yaml")).EnsureValid();
        Assert.Equal("rongcheng-persons@2026.1", p.VersionTag);
        Assert.Equal(SubjectKind.Person, p.Subjects);
        Assert.Equal(new ScoreScale(1000, 0, 1500), p.Scale);
        Assert.Equal(18, p.MinimumAge);
        Assert.False(p.ConsentRequired);
        Assert.Equal(["AAA", "AA", "A", "B", "C", "D"], p.Grades.Select(g => g.Name));
        Assert.Equal([1050, 1030, 960, 850, 600, 0], p.Grades.Select(g => g.Minimum));
        Assert.Equal(18, p.RecordTypes.Length);
        Assert.Equal(PolicyDuration.FromDays(15), p.Disputes.ResponseTime);

        var card = p.FindRecordType("late-credit-card-payment")!;
        Assert.Equal(-10, card.Points);
        Assert.Equal(new PointCap(30, PolicyDuration.FromYears(1)), card.Cap);
        Assert.Equal(Severity.General, card.Severity);

        var tax = p.FindRecordType("tax-evasion")!;
        Assert.Equal(new PerUnitPoints(-1, 10000m, "yuan", 50), tax.PerUnit);
        Assert.True(p.FindRecordType("traffic-violation")!.Decays);
        Assert.True(p.FindRecordType("judgment-defaulter")!.CountsWhileDisputed);
        Assert.False(p.FindRecordType("late-utility-fees")!.CountsWhileDisputed);
        Assert.Equal(new PerUnitPoints(1, 1000m, "yuan", 20), p.FindRecordType("charitable-donation")!.PerUnit);

        var defaulters = p.FindList("court-defaulters")!;
        Assert.Equal(ListKind.Blacklist, defaulters.Kind);
        Assert.True(defaulters.Published);
        Assert.Equal(["judgment-defaulter"], defaulters.Entry.ActiveRecordOf.AsEnumerable());
        Assert.Equal(["judgment-performed"], defaulters.Exit.FulfilledBy.AsEnumerable());
        Assert.Equal(PolicyDuration.FromYears(2), defaulters.Exit.Term);
        Assert.Equal(PolicyDuration.FromYears(1), defaulters.Exit.Extension!.Length);

        var honest = p.FindList("honest-citizens")!;
        Assert.Equal("AA", honest.Entry.GradeAtLeast);
        Assert.Equal(PolicyDuration.FromYears(1), honest.Entry.NoNegativeRecordWithin);

        string[] restrictions = ["restrict-flights", "restrict-g-train", "restrict-star-hotels", "restrict-golf", "restrict-property-purchase"];
        Assert.All(restrictions, id => Assert.Equal("court-defaulters", p.FindMeasure(id)!.Trigger.List));
        Assert.Equal("rail.g-train.ticket", p.FindMeasure("restrict-g-train")!.Capability);
        Assert.Equal("AA", p.FindMeasure("grant-deposit-free-rental")!.Trigger.GradeAtLeast);
        Assert.Equal("honest-citizens", p.FindMeasure("grant-transit-discount")!.Trigger.List);
        Assert.All(restrictions, id => Assert.Equal(CapabilityKind.Entitlement, p.KindOf(p.FindMeasure(id)!.Capability)));
        Assert.Equal(CapabilityKind.Benefit, p.KindOf("deposit-free-rental"));
        Assert.Equal(CapabilityKind.Benefit, p.KindOf("transit.fare-discount"));
        Assert.Equal(["judgment-performed", "loan-repaid", "utility-arrears-paid"], p.RecordTypes.Where(t => t.FulfilsObligation).Select(t => t.Id).Order());

        Assert.Equal(PolicyDuration.FromMonths(3), p.Repair.MinimumPeriod[Severity.General]);
        Assert.Equal(PolicyDuration.FromYears(1), p.Repair.MinimumPeriod[Severity.Serious]);
        Assert.Equal(3, p.Repair.Qualifying.Length);
    }

    [Fact]
    public void Organisation_policy_reads_as_declared()
    {
        var p = PolicyLoader.LoadFile(PathOf("organisations.yaml")).EnsureValid();
        Assert.Equal("shanghai-organisations", p.Id);
        Assert.Equal(SubjectKind.Organisation, p.Subjects);
        Assert.Equal(0, p.MinimumAge);
        Assert.Equal(["model-taxpayers", "serious-violators", "court-defaulters"], p.Lists.Select(l => l.Id));
        Assert.Equal(["restrict-procurement", "restrict-defaulter-bonds", "grant-customs-fast-track", "grant-simplified-invoicing"], p.Measures.Select(m => m.Id));
        Assert.Equal(new PerUnitPoints(-1, 10000m, "yuan", 50), p.FindRecordType("environmental-penalty")!.PerUnit);
    }

    [Fact]
    public void Standalone_defaulter_list_carries_the_five_restrictions_and_none_on_children()
    {
        var p = PolicyLoader.LoadFile(PathOf("court-defaulters.yaml")).EnsureValid();
        Assert.Equal(5, p.Measures.Count(m => m.Effect == MeasureEffect.Restrict && m.Trigger.List == "court-defaulters"));
        Assert.All(p.Measures, m => Assert.Equal(CapabilityKind.Entitlement, p.KindOf(m.Capability)));
        Assert.DoesNotContain(p.Measures, m => m.Capability.Contains("school", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_declares_every_capability_its_measures_name_and_marks_its_fulfilments(string file)
    {
        var p = PolicyLoader.LoadFile(PathOf(file)).EnsureValid();
        Assert.All(p.Measures, m => Assert.NotNull(p.FindCapability(m.Capability)));
        Assert.All(p.Measures.Where(m => m.Effect == MeasureEffect.Grant), m => Assert.Equal(CapabilityKind.Benefit, p.KindOf(m.Capability)));
        var fulfilling = p.Lists.SelectMany(l => l.Exit.FulfilledBy).Concat(p.Repair.Qualifying.SelectMany(q => q.FulfilledBy));
        Assert.All(fulfilling, id => Assert.True(p.FindRecordType(id)!.FulfilsObligation, id));
    }
}
