using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

public class StructureRuleTests
{
    [Theory]
    [InlineData(17, false)]
    [InlineData(0, false)]
    [InlineData(18, true)]
    [InlineData(21, true)]
    public void Persons_younger_than_18_are_never_scored(int age, bool ok)
    {
        var yaml = Base.With("minimum-age: 18", $"minimum-age: {age}");
        if (ok)
        {
            Accepted(yaml);
            return;
        }

        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.MinimumAge));
        AssertAt(p, yaml, $"{age}\n");
        Assert.Contains("at least 18", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scale: { base: 1000, min: 0, max: 1500 }", "scale: { base: 1000, min: 1500, max: 1500 }", "scale.min")]
    [InlineData("scale: { base: 1000, min: 0, max: 1500 }", "scale: { base: 2000, min: 0, max: 1500 }", "scale.base")]
    [InlineData("scale: { base: 1000, min: 0, max: 1500 }", "scale: { base: -1, min: 0, max: 1500 }", "scale.base")]
    public void The_scale_is_ordered(string old, string replacement, string path) =>
        Assert.Equal(path, Refused(Base.With(old, replacement), PolicyRules.Scale)[0].Path);

    [Theory]
    [InlineData("- { name: B, min: 900 }", "- { name: B, min: 1000 }", "grades[1].min")]
    [InlineData("- { name: C, min: 0 }", "- { name: C, min: 100 }", "grades[2].min")]
    [InlineData("- { name: A, min: 1000 }", "- { name: A, min: 1600 }", "grades[0].min")]
    public void Grades_run_highest_first_and_cover_the_scale(string old, string replacement, string path)
    {
        var yaml = Base.With(old, replacement);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.Grades));
        Assert.Equal(path, p.Path);
        var (line, column) = At(yaml, replacement);
        Assert.Equal((line, column + replacement.IndexOf("min:", StringComparison.Ordinal) + 5), (p.Line, p.Column));
    }

    [Fact]
    public void Grade_names_are_unique_and_grades_exist()
    {
        var twice = Base.With("- { name: B, min: 900 }", "- { name: A, min: 900 }");
        Assert.Equal("grades[1].name", Assert.Single(RefusedOnly(twice, PolicyRules.DuplicateId)).Path);
        var none = Base.With("grades:\n  - { name: A, min: 1000 }\n  - { name: B, min: 900 }\n  - { name: C, min: 0 }\n", "grades: []\n")
            .With("entry: { grade-at-least: A }", "entry: { no-negative-record-within: 1y }")
            .With("when: { grade-at-least: A }", "when: { list: good-standing }");
        Assert.Equal("grades", Assert.Single(RefusedOnly(none, PolicyRules.Grades)).Path);
    }

    [Theory]
    [InlineData("id: late-utility-fees", "id: Late_Utility_Fees", "record-types[2].id")]
    [InlineData("id: good-standing", "id: good--standing", "lists[1].id")]
    [InlineData("capability: rail.g-train.ticket", "capability: Rail G train", "measures[0].capability")]
    [InlineData("policy: test-policy", "policy: test policy", "policy")]
    [InlineData("version: \"1\"", "version: \"1 final\"", "version")]
    [InlineData("    lasts: 1y\n    severity: minor\n", "    lasts: 0d\n    severity: minor\n", "record-types[4].lasts")]
    [InlineData("max-key-factors: 4", "max-key-factors: 0", "max-key-factors")]
    [InlineData("    name: Volunteering\n", "    name: Volunteering\n    bankruptcy: true\n", "record-types[4].bankruptcy")]
    [InlineData("    name: Volunteering\n", "    name: Volunteering\n    cap: { points: 0, window: 1y }\n", "record-types[4].cap.points")]
    [InlineData("    name: Volunteering\n", "    name: Volunteering\n    cap: { points: 10, window: 0d }\n", "record-types[4].cap.window")]
    [InlineData("    name: Volunteering\n", "    name: Volunteering\n    per-unit: { points: 1, per: 0, unit: hours }\n", "record-types[4].per-unit.per")]
    [InlineData("    name: Volunteering\n", "    name: Volunteering\n    per-unit: { points: 1, per: 1, unit: hours, max-steps: 0 }\n", "record-types[4].per-unit.max-steps")]
    [InlineData("    name: Volunteering\n", "    name: Volunteering\n    per-unit: { points: -1, per: 1, unit: hours }\n", "record-types[4].per-unit.points")]
    [InlineData("    name: Judgment performed\n", "    name: Judgment performed\n    cap: { points: 10, window: 1y }\n", "record-types[1].cap")]
    [InlineData("entry: { grade-at-least: A }", "entry: { grade-at-least: A, no-negative-record-within: 0d }", "lists[1].entry.no-negative-record-within")]
    [InlineData("entry: { grade-at-least: A }", "entry: { grade-at-least: A }\n    exit: { term: 1y }", "lists[1].exit")]
    [InlineData("exit: { fulfilled-by: [judgment-performed], term: 2y }", "exit: { fulfilled-by: [judgment-performed], extension: { by: [judgment-defaulter], length: 1y } }", "lists[0].exit.extension")]
    [InlineData("exit: { fulfilled-by: [judgment-performed], term: 2y }", "exit: { fulfilled-by: [judgment-performed], term: 2y, extension: { by: [judgment-defaulter], length: 0d } }", "lists[0].exit.extension.length")]
    public void Values_must_make_sense(string old, string replacement, string path)
    {
        var problems = Refused(Base.With(old, replacement), PolicyRules.BadValue);
        Assert.Contains(problems, p => p.Path == path);
    }

    [Fact]
    public void A_list_needs_an_entry_condition()
    {
        var yaml = Base.With("entry: { grade-at-least: A }", "entry: {}");
        Assert.Equal("lists[1].entry", Assert.Single(RefusedOnly(yaml, PolicyRules.MissingKey)).Path);
    }

    [Fact]
    public void An_extension_names_what_extends()
    {
        var yaml = Base.With("term: 2y }", "term: 2y, extension: { by: [], length: 1y } }");
        Assert.Equal("lists[0].exit.extension.by", Assert.Single(RefusedOnly(yaml, PolicyRules.MissingKey)).Path);
    }

    [Fact]
    public void Key_factors_beyond_four_break_the_limit_outside_fcra()
    {
        var yaml = Base.With("max-key-factors: 4", "max-key-factors: 5");
        Assert.Equal("max-key-factors", Assert.Single(RefusedOnly(yaml, PolicyRules.Limits)).Path);
    }

    [Fact]
    public void Duplicate_list_and_measure_ids_are_refused()
    {
        var lists = Base.AddList("""
              - id: good-standing
                name: Good standing again
                kind: redlist
                entry: { grade-at-least: B }
            """);
        Assert.Equal("lists[2].id", Assert.Single(RefusedOnly(lists, PolicyRules.DuplicateId)).Path);
        var measures = Base.AddMeasure("""
              - id: grant-deposit-free-rental
                name: Deposit-free rental again
                effect: grant
                capability: deposit-free-rental
                when: { grade-at-least: B }
            """);
        Assert.Equal("measures[2].id", Assert.Single(RefusedOnly(measures, PolicyRules.DuplicateId)).Path);
    }
}
