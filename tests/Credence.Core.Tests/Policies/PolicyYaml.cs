using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Policies.Validation;

namespace Credence.Core.Tests.Policies;

/// <summary>A small valid policy to mutate, and helpers to load and inspect the outcome.</summary>
internal static class PolicyYaml
{
    public const string FileName = "test.yaml";

    /// <summary>Valid under prc-credit-repair and eu-ai-act; <see cref="Fcra"/> is its fcra twin.</summary>
    public const string Base = """
        policy: test-policy
        version: "1"
        title: Test policy
        subjects: persons
        profile: prc-credit-repair
        scale: { base: 1000, min: 0, max: 1500 }
        minimum-age: 18
        consent-required: false
        max-key-factors: 4
        disputes: { response-time: 30d }
        grades:
          - { name: A, min: 1000 }
          - { name: B, min: 900 }
          - { name: C, min: 0 }
        record-types:
          - id: judgment-defaulter
            name: Court judgment defaulter
            area: judicial
            matter: court-judgments
            points: -100
            lasts: 2y
            severity: serious
          - id: judgment-performed
            name: Judgment performed
            area: judicial
            matter: court-judgments
            points: 0
            lasts: 1y
            severity: general
            fulfils-obligation: true
          - id: late-utility-fees
            name: Late utility fees
            area: social
            matter: utilities
            points: -20
            lasts: 1y
            severity: general
          - id: fare-evasion
            name: Fare evasion
            area: administrative
            matter: public-transport-fares
            points: -5
            lasts: 3mo
            severity: minor
          - id: volunteering
            name: Volunteering
            area: social
            matter: volunteering
            points: 5
            lasts: 1y
            severity: minor
          # +record-types
        lists:
          - id: court-defaulters
            name: Court defaulters
            kind: blacklist
            published: true
            entry: { active-record-of: [judgment-defaulter] }
            exit: { fulfilled-by: [judgment-performed], term: 2y }
          - id: good-standing
            name: Good standing
            kind: redlist
            entry: { grade-at-least: A }
          # +lists
        capabilities:
          - { id: rail.g-train.ticket, kind: entitlement }
          - { id: deposit-free-rental, kind: benefit }
          # +capabilities
        measures:
          - id: restrict-g-train
            name: No G-train tickets
            effect: restrict
            capability: rail.g-train.ticket
            when: { list: court-defaulters }
            relates-to: { areas: [judicial], matters: [court-judgments] }
          - id: grant-deposit-free-rental
            name: Deposit-free rental
            effect: grant
            capability: deposit-free-rental
            when: { grade-at-least: A }
          # +measures
        repair:
          minimum-period: { minor: 0d, general: 3mo, serious: 1y }
          qualifying:
            - { for: [judgment-defaulter], fulfilled-by: [judgment-performed] }

        """;

    public static string Fcra => Base.With("profile: prc-credit-repair", "profile: fcra").With("published: true", "published: false");

    public static string EuAiAct => Base.With("profile: prc-credit-repair", "profile: eu-ai-act");

    public static PolicyLoadResult Load(string yaml) => PolicyLoader.Load(yaml, FileName);

    public static Policy Valid(string yaml = Base) => Load(yaml).EnsureValid();

    /// <summary>Replaces the one occurrence of <paramref name="old"/>; fails the test when it is absent.</summary>
    public static string With(this string yaml, string old, string replacement)
    {
        var at = yaml.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in the policy text");
        return string.Concat(yaml.AsSpan(0, at), replacement, yaml.AsSpan(at + old.Length));
    }

    public static string AddRecordType(this string yaml, string item) => yaml.Insert("  # +record-types", item);

    public static string AddList(this string yaml, string item) => yaml.Insert("  # +lists", item);

    public static string AddMeasure(this string yaml, string item) => yaml.Insert("  # +measures", item);

    public static string AddCapability(this string yaml, string item) => yaml.Insert("  # +capabilities", item);

    /// <summary>
    /// Loads <paramref name="yaml"/>, asserts that it is refused and that every problem has rule
    /// <paramref name="rule"/>, and returns the problems.
    /// </summary>
    public static IReadOnlyList<PolicyProblem> RefusedOnly(string yaml, string rule)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.True(p.Rule == rule, $"expected only {rule}, got: {p}"));
        return result.Problems;
    }

    /// <summary>Asserts that <paramref name="yaml"/> is refused with (at least) <paramref name="rule"/>.</summary>
    public static IReadOnlyList<PolicyProblem> Refused(string yaml, string rule)
    {
        var result = Load(yaml);
        Assert.Null(result.Policy);
        var found = result.Problems.Where(p => p.Rule == rule).ToList();
        Assert.True(found.Count > 0, $"expected {rule}, got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
        return found;
    }

    public static void Accepted(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
    }

    /// <summary>The 1-based line and column of the first occurrence of <paramref name="needle"/>.</summary>
    public static (int Line, int Column) At(string yaml, string needle)
    {
        var at = yaml.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{needle}' is not in the policy text");
        var line = 1 + yaml.AsSpan(0, at).Count('\n');
        var column = at - (yaml.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
        if (at == 0)
        {
            column = 1;
        }

        return (line, column);
    }

    public static void AssertAt(PolicyProblem problem, string yaml, string needle)
    {
        var (line, column) = At(yaml, needle);
        Assert.Equal(FileName, problem.File);
        Assert.True(line == problem.Line && column == problem.Column, $"expected {line}:{column}, got {problem}");
    }

    private static string Insert(this string yaml, string marker, string item)
    {
        var text = item.EndsWith('\n') ? item : item + "\n";
        return yaml.With(marker, text + marker);
    }
}
