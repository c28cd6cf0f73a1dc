using Credence.Core.Policies.Loading;
using Credence.Core.Policies.Validation;
using static Credence.Core.Tests.Policies.PolicyYaml;

namespace Credence.Core.Tests.Policies;

public class LoadingErrorTests
{
    [Fact]
    public void The_base_policy_is_valid() => Accepted(Base);

    [Fact]
    public void Syntax_error_names_file_line_and_column()
    {
        var yaml = "policy: test\nversion: \"1\n";
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax));
        Assert.Equal(FileName, p.File);
        Assert.Equal(2, p.Line);
        Assert.True(p.Column > 0);
        Assert.DoesNotContain("(Line:", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_syntax_error_points_at_the_offending_colon()
    {
        var yaml = "policy: test\ntitle: a: b\n";
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax));
        Assert.Equal((2, 9), (p.Line, p.Column));
    }

    [Fact]
    public void Problem_prints_as_file_line_column_rule_message()
    {
        var yaml = Base.With("    severity: serious\n", "    severity: serious\n    colour: red\n");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.UnknownKey));
        var (line, column) = At(yaml, "colour");
        Assert.Equal($"test.yaml:{line}:{column}: unknown-key: {p.Message}", p.ToString());
        Assert.Equal(5, column);
        Assert.Equal("record-types[0].colour", p.Path);
        Assert.Contains("'colour' is not a key of 'record-types[0]'", p.Message, StringComparison.Ordinal);
        Assert.Contains("severity", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_key_is_refused()
    {
        var yaml = Base.With("title: Test policy\n", "title: Test policy\nauthor: me\n");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.UnknownKey)), yaml, "author");
    }

    [Fact]
    public void Bad_number_points_at_the_value()
    {
        var yaml = Base.With("points: -100", "points: lots");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue));
        AssertAt(p, yaml, "lots");
        Assert.Equal("record-types[0].points", p.Path);
        Assert.Contains("'lots' is not a whole number", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2 years")]
    [InlineData("2")]
    [InlineData("3m")]
    [InlineData("-1y")]
    [InlineData("\u0663y")]
    [InlineData("\uff13mo")]
    [InlineData("\u0969d")]
    [InlineData("\u00b2y")]
    [InlineData("99999999999d")]
    public void Bad_duration_points_at_the_value(string text)
    {
        var yaml = Base.With("lasts: 2y", $"lasts: {text}");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue));
        AssertAt(p, yaml, text);
        Assert.Contains("is not a duration", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("area: judicial", "area: financial", "financial")]
    [InlineData("severity: serious", "severity: grave", "grave")]
    [InlineData("kind: blacklist", "kind: greylist", "greylist")]
    [InlineData("effect: restrict", "effect: forbid", "forbid")]
    [InlineData("subjects: persons", "subjects: households", "households")]
    [InlineData("profile: prc-credit-repair", "profile: gdpr", "gdpr")]
    [InlineData("published: true", "published: yes", "yes")]
    [InlineData("scale: { base: 1000,", "scale: { base: 1e3,", "1e3")]
    public void Values_outside_the_closed_vocabulary_are_refused(string old, string replacement, string needle)
    {
        var yaml = Base.With(old, replacement);
        AssertAt(Refused(yaml, PolicyRules.BadValue)[0], yaml, needle);
    }

    [Fact]
    public void Unknown_reference_points_at_the_name()
    {
        var yaml = Base.With("when: { list: court-defaulters }", "when: { list: no-such-list }");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.UnknownReference));
        AssertAt(p, yaml, "no-such-list");
        Assert.Equal("measures[0].when.list", p.Path);
    }

    [Theory]
    [InlineData("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [no-such-type] }", "no-such-type")]
    [InlineData("fulfilled-by: [judgment-performed], term", "fulfilled-by: [nothing-done], term", "nothing-done")]
    [InlineData("entry: { grade-at-least: A }", "entry: { grade-at-least: Z }", "Z }")]
    [InlineData("when: { grade-at-least: A }", "when: { grade-at-least: AAA }", "AAA")]
    [InlineData("- { for: [judgment-defaulter]", "- { for: [ghost]", "ghost")]
    public void Every_kind_of_reference_is_checked(string old, string replacement, string needle)
    {
        var yaml = Base.With(old, replacement);
        AssertAt(Refused(yaml, PolicyRules.UnknownReference)[0], yaml, needle);
    }

    [Fact]
    public void Missing_key_points_at_the_mapping_that_lacks_it()
    {
        var yaml = Base.With("    area: judicial\n    matter: court-judgments\n    points: -100\n", "    matter: court-judgments\n    points: -100\n");
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.MissingKey));
        AssertAt(p, yaml, "id: judgment-defaulter");
        Assert.Equal("record-types[0].area", p.Path);
    }

    [Fact]
    public void Consent_must_be_stated()
    {
        var yaml = Base.With("consent-required: false\n", string.Empty);
        Assert.Equal("consent-required", Assert.Single(RefusedOnly(yaml, PolicyRules.MissingKey)).Path);
    }

    [Fact]
    public void Every_problem_is_reported_in_text_order()
    {
        var yaml = Base
            .With("title: Test policy\n", "title: Test policy\nauthor: me\n")
            .With("points: -100", "points: lots")
            .With("when: { list: court-defaulters }", "when: { list: no-such-list }");
        var problems = Load(yaml).Problems;
        Assert.Equal([PolicyRules.UnknownKey, PolicyRules.BadValue, PolicyRules.UnknownReference], problems.Select(p => p.Rule));
        Assert.Equal(problems.OrderBy(p => p.Line), problems);
    }

    [Fact]
    public void Duplicate_ids_are_refused_where_the_second_is_declared()
    {
        var yaml = Base.AddRecordType("""
              - id: fare-evasion
                name: Fare evasion again
                area: administrative
                matter: public-transport-fares
                points: -5
                lasts: 3mo
                severity: minor
            """);
        var p = Assert.Single(RefusedOnly(yaml, PolicyRules.DuplicateId));
        Assert.Equal("record-types[5].id", p.Path);
        Assert.Equal(At(yaml, "name: Fare evasion again").Line - 1, p.Line);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var yaml = Base.With("title: Test policy\n", "title: Test policy\ntitle: Again\n");
        Assert.NotEmpty(Refused(yaml, PolicyRules.YamlSyntax));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Empty_text_is_refused(string yaml) => Assert.Single(RefusedOnly(yaml, PolicyRules.YamlSyntax));

    [Fact]
    public void A_second_document_is_refused() =>
        Assert.Single(RefusedOnly(Base + "---\npolicy: other\n", PolicyRules.YamlSyntax));

    [Theory]
    [InlineData("- a\n- b\n")]
    [InlineData("just text\n")]
    public void A_policy_is_a_mapping(string yaml) => Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue));

    [Fact]
    public void Sections_have_their_shape()
    {
        var yaml = Base.With("disputes: { response-time: 30d }", "disputes: 30d");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue)), yaml, "30d");
        var list = Base.With("entry: { grade-at-least: A }", "entry: [A]");
        Assert.Single(RefusedOnly(list, PolicyRules.BadValue));
    }

    [Fact]
    public void Tags_are_refused_because_a_policy_holds_no_code()
    {
        var yaml = Base.With("title: Test policy", "title: !!python/object:os.system Test policy");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue)), yaml, "!!python");
    }

    [Fact]
    public void Anchors_and_aliases_are_refused()
    {
        var yaml = Base.With("title: Test policy", "title: &t Test policy\n# again\n").With("version: \"1\"", "version: *t");
        Assert.NotEmpty(Refused(yaml, PolicyRules.YamlSyntax));
    }

    [Fact]
    public void Minimum_age_is_for_persons_only()
    {
        var yaml = Base.With("subjects: persons", "subjects: organisations").With("published: true", "published: true");
        AssertAt(Assert.Single(RefusedOnly(yaml, PolicyRules.BadValue)), yaml, "18");
        Assert.Equal(0, Valid(yaml.With("minimum-age: 18\n", string.Empty)).MinimumAge);
    }

    [Fact]
    public void Minimum_age_defaults_to_adulthood_and_key_factors_to_four()
    {
        var p = Valid(Base.With("minimum-age: 18\n", string.Empty).With("max-key-factors: 4\n", string.Empty));
        Assert.Equal(18, p.MinimumAge);
        Assert.Equal(4, p.MaxKeyFactors);
    }

    [Fact]
    public void Load_file_names_the_path_in_problems()
    {
        var path = Path.Combine(Path.GetTempPath(), $"credence-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, Base.With("points: -100", "points: lots"));
        try
        {
            var p = Assert.Single(PolicyLoader.LoadFile(path).Problems);
            Assert.Equal(path, p.File);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Ensure_valid_throws_with_every_problem()
    {
        var yaml = Base.With("points: -100", "points: lots").With("title: Test policy\n", "title: Test policy\nauthor: me\n");
        var e = Assert.Throws<InvalidPolicyException>(() => Load(yaml).EnsureValid());
        Assert.Equal(2, e.Problems.Length);
        Assert.Contains("unknown-key", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad-value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_map_locates_parts_of_the_policy()
    {
        var result = Load(Base);
        var map = Assert.IsType<PolicySourceMap>(result.SourceMap);
        Assert.Equal(At(Base, "court-defaulters }"), ToTuple(map.Locate("measures[0].when.list")));
        Assert.Equal(At(Base, "id: late-utility-fees"), ToTuple(map.Locate("record-types[2]")));
        Assert.Equal(At(Base, "id: late-utility-fees"), ToTuple(map.Locate("record-types[2].per-unit.points")));
    }

    private static (int, int) ToTuple(PolicyLocation? l) => (l!.Value.Line, l.Value.Column);
}
