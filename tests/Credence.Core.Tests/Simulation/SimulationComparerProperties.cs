using System.Text;
using Credence.Core.Explanations;
using Credence.Core.Policies;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Core.Simulation;
using FsCheck.Xunit;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Simulation;

/// <summary>
/// The comparison of two outcome sets: every count of the report adds up to the population it
/// comes from, whatever the records; the canonical form names the report exactly.
/// </summary>
public class SimulationComparerProperties
{
    private static readonly Policy Persons = PolicyLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "policies", "rongcheng-persons.yaml")).EnsureValid();

    private static readonly Policy Draft = PolicyLoader.Load(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "policies", "rongcheng-persons.yaml"))
            .Replace("version: \"2026.1\"", "version: \"2026.9\"", StringComparison.Ordinal)
            .Replace("entry: { active-record-of: [judgment-defaulter] }", "entry: { active-record-of: [judgment-defaulter], grade-at-most: D }", StringComparison.Ordinal)
            .Replace("    points: -10\n    lasts: 1y", "    points: -60\n    lasts: 1y", StringComparison.Ordinal),
        "draft.yaml").EnsureValid();

    private static readonly CompiledPolicy Before = CompiledPolicy.Compile(Persons);

    private static readonly CompiledPolicy After = CompiledPolicy.Compile(Draft);

    private static readonly string[] Types = [.. Persons.RecordTypes.Select(t => t.Id)];

    private static readonly DateTimeOffset AsOf = T0.AddDays(800);

    /// <summary>Subjects with generated files: a type, a day within three years, an amount, per record.</summary>
    private static List<SimulatedSubject> Subjects((int Type, int Day, int Amount)[][] files) =>
        [.. files.Take(40).Select((spec, n) =>
        {
            var subject = Core.Identifiers.SubjectIdentifiers.TryParse(Core.Identifiers.ResidentIdentityNumber.Create("310101", new DateOnly(1980, 1, 1).AddDays(n), 1), new DateOnly(2026, 1, 1), out var id) ? id : throw new InvalidOperationException();
            var records = (spec ?? []).Take(12).Select((s, i) => Rec(subject, Types[Math.Abs(s.Type % Types.Length)], T0.AddDays(Math.Abs(s.Day % 1095)), quantity: Math.Abs(s.Amount % 100_000), id: $"r{i}"));
            return SimulatedSubject.Of(Before, After, SubjectFile.Create(subject, records), AsOf, consent: true);
        })];

    private static SimulationReport Report(IReadOnlyList<SimulatedSubject> subjects) =>
        SimulationComparer.Compare(
            new SimulationHeader("r-1", Draft, "sha256:draft", Persons, "sha256:base", AsOf, AsOf, "op"),
            subjects, _ => ["rail"], [], s => s.Value[..6] + "********" + s.Value[14..]);

    [Property(MaxTest = 60)]
    public bool Every_count_adds_up_to_the_population((int, int, int)[][] files)
    {
        var subjects = Subjects(files ?? []);
        var r = Report(subjects);
        var matrix = r.Grades.Rows.Sum(row => row.Cells.Sum(c => c.Count)) == subjects.Count
            && r.Grades.Rows.All(row => row.Total == row.Cells.Sum(c => c.Count));
        var lists = r.Lists.All(l => l.After == l.Before + l.Entered - l.Left);
        var measures = r.Measures.All(m => m.After == m.Before + m.Started - m.Stopped);
        var scores = r.Scores.Buckets.Sum(b => b.Count) == r.Scores.Compared && r.Scores.Raised + r.Scores.Lowered + r.Scores.Unchanged == r.Scores.Compared;
        var changed = r.Changed == subjects.Count(s => s.Changed) && r.Sample.Length == Math.Min(SimulationComparer.DefaultSample, r.Changed);
        return matrix && lists && measures && scores && changed && r.Population == subjects.Count;
    }

    [Property(MaxTest = 60)]
    public bool The_report_does_not_depend_on_the_order_subjects_are_read_in((int, int, int)[][] files, int seed)
    {
        var subjects = Subjects(files ?? []);
        var shuffled = subjects.OrderBy(_ => new Random(seed).Next()).ToList();
        return CanonicalJson.Digest(Report(subjects)) == CanonicalJson.Digest(Report(shuffled));
    }

    [Fact]
    public void The_canonical_form_sorts_members_keeps_Chinese_as_it_is_and_reads_back_to_the_same_digest()
    {
        var subjects = Subjects([[(0, 10, 1), (3, 700, 5000)], [(5, 790, 0)], []]);
        var r = Report(subjects) with { CreatedBy = "运营者 <op>" };
        var text = CanonicalJson.Text(r);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\": ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(", \"", text, StringComparison.Ordinal);
        Assert.Contains("\"createdBy\":\"运营者 <op>\"", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("\"against\"", StringComparison.Ordinal) < text.IndexOf("\"asOf\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"asOf\"", StringComparison.Ordinal) < text.IndexOf("\"changed\"", StringComparison.Ordinal));
        Assert.Equal(CanonicalJson.Digest(r), CanonicalJson.Digest(CanonicalJson.Parse(text)));
        Assert.Equal(CanonicalJson.Bytes(r), Encoding.UTF8.GetBytes(text));
        Assert.NotEqual(CanonicalJson.Digest(r), CanonicalJson.Digest(r with { Changed = r.Changed + 1 }));
        Assert.NotEqual(CanonicalJson.Digest(r), CanonicalJson.Digest(r with { PolicyDigest = "sha256:other" }));
        Assert.StartsWith("sha256:", CanonicalJson.Digest(r), StringComparison.Ordinal);
        Assert.Equal(71, CanonicalJson.Digest(r).Length);
    }

    [Property(MaxTest = 40)]
    public bool The_fairness_section_counts_the_same_subjects_as_the_rest_of_the_report((int, int, int)[][] files)
    {
        var subjects = Subjects(files ?? []);
        var f = Report(subjects).Fairness!;
        var assessed = f.AssessedBefore == subjects.Count(s => s.Before.InScope) && f.AssessedAfter == subjects.Count(s => s.After.InScope);

        // For each dimension and outcome, the cohorts' subjects add up to the population under each policy.
        var adds = f.Cohorts.GroupBy(c => (c.Dimension, c.Outcome)).All(g =>
            g.Sum(c => c.After?.Subjects ?? 0) == (f.Outcomes.Single(o => o.Id == g.Key.Outcome).InDraft ? f.AssessedAfter : 0)
            && g.Sum(c => c.Before?.Subjects ?? 0) == (f.Outcomes.Single(o => o.Id == g.Key.Outcome).InBaseline ? f.AssessedBefore : 0));
        var counted = f.Introduced == f.Cohorts.Count(c => c.Disparity == "introduced") && f.FlaggedAfter == f.Cohorts.Count(c => c.FlaggedAfter)
            && f.FlaggedBefore == f.Cohorts.Count(c => c.FlaggedBefore);
        return assessed && adds && counted && f.Words.En.Length == f.Words.Zh.Length;
    }

    [Fact]
    public void The_record_types_of_an_outcome_are_those_counting_at_its_instant()
    {
        var subject = Alice;
        var file = SubjectFile.Create(subject, [Rec(subject, "judgment-defaulter", T0, id: "z"), Rec(subject, "volunteering", T0.AddDays(30), id: "v"), Rec(subject, "late-credit-card-payment", T0.AddDays(1), id: "l1"), Rec(subject, "late-credit-card-payment", T0.AddDays(2), id: "l2")]);
        var facts = SubjectFacts.Compile(Before, file);
        Assert.Equal(["judgment-defaulter", "late-credit-card-payment"], SubjectOutcome.Of(facts, T0.AddDays(10), true).RecordTypes.ToArray());
        Assert.Equal(["judgment-defaulter", "late-credit-card-payment", "volunteering"], SubjectOutcome.Of(facts, T0.AddDays(40), true).RecordTypes.ToArray());
        Assert.Empty(SubjectOutcome.Of(facts, T0.AddDays(-1), true).RecordTypes);
        Assert.Empty(SubjectOutcome.None(subject).RecordTypes);
    }

    [Fact]
    public void A_share_of_one_in_a_million_is_written_as_a_decimal_as_RFC_8785_writes_it()
    {
        var r = Report(Subjects([[(0, 10, 1)]]));
        var tiny = r with { Scores = r.Scores with { Mean = 0.000001 }, Fairness = r.Fairness! with { Confidence = 0.0000015 } };
        var text = CanonicalJson.Text(tiny);
        Assert.Contains("\"mean\":0.000001,", text, StringComparison.Ordinal);
        Assert.Contains("\"confidence\":0.0000015,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("E-", text, StringComparison.Ordinal);
        Assert.Equal(CanonicalJson.Digest(tiny), CanonicalJson.Digest(CanonicalJson.Parse(text)));
    }

    [Fact]
    public void Without_a_policy_in_force_every_subject_starts_from_no_outcome()
    {
        var subject = Alice;
        var s = SimulatedSubject.Of(null, After, SubjectFile.Create(subject, [Rec(subject, "judgment-defaulter", T0, id: "z")]), AsOf, true);
        Assert.Null(s.Before.Policy);
        Assert.Null(s.Before.Grade);
        Assert.True(s.Changed);
        Assert.NotNull(s.After.Score);
    }

    [Fact]
    public void Answers_follow_the_decider()
    {
        var subject = Alice;
        var file = SubjectFile.Create(subject, [Rec(subject, "judgment-defaulter", T0, id: "z")]);
        var outcome = SubjectOutcome.Of(SubjectFacts.Compile(Before, file), T0.AddDays(1), true);
        var assessment = Explanations.Explainer.Assess(SubjectFacts.Compile(Before, file), T0.AddDays(1), true);
        foreach (var (capability, answer) in outcome.Answers)
        {
            Assert.Equal(Explanations.Decider.Decide(assessment, Persons, capability)!.Answer, answer);
        }

        Assert.Equal(Explanations.DecisionAnswer.Denied, outcome.Answers["rail.g-train.ticket"]);
    }
}
