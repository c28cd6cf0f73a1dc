using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Policies.Validation;
using Credence.Core.Records;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

/// <summary>The validator on its own, for policies built in code (uploads, generators, tests).</summary>
public class CodeBuiltPolicyTests
{
    private static readonly Policy Sample = Valid();

    [Fact]
    public void A_valid_policy_has_no_problems()
    {
        Assert.Empty(PolicyValidator.Validate(Sample));
        Assert.True(PolicyValidator.IsValid(Sample));
    }

    [Fact]
    public void Problems_without_a_source_carry_the_path_instead_of_a_line()
    {
        var policy = Sample with { MinimumAge = 16 };
        var p = Assert.Single(PolicyValidator.Validate(policy));
        Assert.Equal((PolicyRules.MinimumAge, 0, 0, "minimum-age"), (p.Rule, p.Line, p.Column, p.Path));
        Assert.False(p.HasLocation);
        Assert.Equal($"policy: minimum-age: minimum-age: {p.Message}", p.ToString());
    }

    [Fact]
    public void A_code_built_restriction_by_grade_is_refused()
    {
        var measure = Sample.Measures[0] with { Trigger = new MeasureTrigger(null, null, "C") };
        var policy = Sample with { Measures = Sample.Measures.SetItem(0, measure) };
        Assert.Equal(PolicyRules.RestrictionNeedsAdjudicatedList, Assert.Single(PolicyValidator.Validate(policy)).Rule);
    }

    [Fact]
    public void Terms_and_identifiers_are_found_in_code_built_policies()
    {
        var type = Sample.RecordTypes[2] with { Name = "Late utility fees of relatives", Description = "Applies to 11010519491231002X." };
        var policy = Sample with { RecordTypes = Sample.RecordTypes.SetItem(2, type) };
        Assert.Equal(
            [(PolicyRules.ProtectedMatter, "record-types[2].name"), (PolicyRules.OwnRecordsOnly, "record-types[2].name"), (PolicyRules.NoSubjectByIdentity, "record-types[2].description")],
            PolicyValidator.Validate(policy).Select(p => (p.Rule, p.Path)));
    }

    [Fact]
    public void Values_outside_the_enums_are_refused()
    {
        var type = Sample.RecordTypes[2] with { Area = (Area)42, Matter = (Matter)77, Severity = (Severity)9 };
        var policy = Sample with { RecordTypes = Sample.RecordTypes.SetItem(2, type), Profile = (JurisdictionProfile)5 };
        var rules = PolicyValidator.Validate(policy).Select(p => (p.Rule, p.Path)).ToList();
        Assert.Contains((PolicyRules.BadValue, "profile"), rules);
        Assert.Contains((PolicyRules.BadValue, "record-types[2].area"), rules);
        Assert.Contains((PolicyRules.UnknownMatter, "record-types[2].matter"), rules);
        Assert.Contains((PolicyRules.BadValue, "record-types[2].severity"), rules);
    }

    [Theory]
    [InlineData(1024, 64, 64, true)]
    [InlineData(1025, 64, 64, false)]
    [InlineData(5, 65, 2, false)]
    [InlineData(5, 2, 65, false)]
    public void The_engine_limits_hold(int types, int lists, int measures, bool ok)
    {
        var policy = Sample with
        {
            RecordTypes = [.. Sample.RecordTypes, .. Enumerable.Range(0, types - Sample.RecordTypes.Length).Select(i => Sample.RecordTypes[2] with { Id = $"extra-type-{i}" })],
            Lists = [.. Sample.Lists, .. Enumerable.Range(0, lists - Sample.Lists.Length).Select(i => Sample.Lists[1] with { Id = $"extra-list-{i}" })],
            Measures = [.. Sample.Measures, .. Enumerable.Range(0, measures - Sample.Measures.Length).Select(i => Sample.Measures[1] with { Id = $"extra-measure-{i}" })],
        };
        var problems = PolicyValidator.Validate(policy);
        if (ok)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Equal(PolicyRules.Limits, Assert.Single(problems).Rule);
        }
    }

    [Fact]
    public void Repair_with_an_undefined_severity_is_refused()
    {
        var repair = new RepairRules(ImmutableDictionary<Severity, PolicyDuration>.Empty.Add((Severity)7, PolicyDuration.FromDays(1)), []);
        var p = Assert.Single(PolicyValidator.Validate(Sample with { Repair = repair }));
        Assert.Equal((PolicyRules.BadValue, "repair.minimum-period"), (p.Rule, p.Path));
    }

    [Fact]
    public void Validation_with_a_source_map_points_into_the_file()
    {
        var loaded = Load(Base);
        var policy = loaded.Policy! with { MaxKeyFactors = 9 };
        var p = Assert.Single(PolicyValidator.Validate(policy, loaded.SourceMap));
        AssertAt(p, Base, "4\n");
    }
}
