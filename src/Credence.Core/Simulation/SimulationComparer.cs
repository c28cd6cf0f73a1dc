using System.Collections.Immutable;
using System.Globalization;
using Credence.Core.Explanations;
using Credence.Core.Fairness;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using static Credence.Core.Simulation.SimulationReport;

namespace Credence.Core.Simulation;

/// <summary>
/// Compares two outcome sets into a <see cref="SimulationReport"/>. Pure: the registry reads the
/// subjects and past decisions and passes them in.
/// </summary>
public static class SimulationComparer
{
    /// <summary>How many of the most changed subjects the report samples.</summary>
    public const int DefaultSample = 20;

    private static readonly (string Label, int? From, int? To)[] Bands =
    [
        ("<= -200", null, -200), ("-199 to -100", -199, -100), ("-99 to -50", -99, -50), ("-49 to -10", -49, -10), ("-9 to -1", -9, -1),
        ("0", 0, 0), ("1 to 9", 1, 9), ("10 to 49", 10, 49), ("50 to 99", 50, 99), ("100 to 199", 100, 199), (">= 200", 200, null),
    ];

    /// <summary>Builds the report.</summary>
    /// <param name="relyingParties">The relying parties registered for a capability or measure id.</param>
    /// <param name="mask">How a sampled subject's id is shown.</param>
    /// <param name="fairness">How the fairness section is computed (its instant is the header's); the defaults of <see cref="FairnessOptions"/> when null.</param>
    public static SimulationReport Compare(
        SimulationHeader header,
        IReadOnlyList<SimulatedSubject> subjects,
        Func<string, IEnumerable<string>> relyingParties,
        IReadOnlyList<PastDecisionCheck> decisions,
        Func<SubjectId, string> mask,
        int sampleSize = DefaultSample,
        FairnessOptions? fairness = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(relyingParties);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(mask);
        var draft = header.Draft;
        var before = header.Against;
        return new SimulationReport(
            header.Id,
            draft.VersionTag,
            header.DraftDigest,
            before?.VersionTag,
            header.AgainstDigest,
            draft.Subjects == SubjectKind.Person ? "persons" : "organisations",
            Instant(header.AsOf),
            Instant(header.CreatedAt),
            header.CreatedBy,
            subjects.Count,
            subjects.Count(s => s.Changed),
            Grades(before, draft, subjects),
            Scores(subjects),
            Lists(before, draft, subjects),
            Measures(before, draft, subjects),
            RelyingParties(subjects, relyingParties),
            Decisions(decisions),
            Drivers(subjects),
            Sample(subjects, mask, sampleSize),
            Fairness(header, subjects, (fairness ?? new FairnessOptions(header.AsOf)) with { AsOf = header.AsOf }));
    }

    /// <summary>
    /// The fairness difference: the same subjects' outcomes under the baseline and under the draft, each
    /// through <see cref="FairnessKernel"/> with the same options, compared cohort by cohort. Each policy's
    /// adverse outcomes are its own (its lists, measures and lowest grade).
    /// </summary>
    private static FairnessDifference Fairness(SimulationHeader header, IReadOnlyList<SimulatedSubject> subjects, FairnessOptions options)
    {
        var before = header.Against;
        var comparison = FairnessComparison.Compare(
            header.Draft.Subjects,
            before?.VersionTag,
            before is null ? null : [.. subjects.Select(s => s.Before)],
            before is null ? null : AdverseOutcomes.Of(before),
            header.Draft.VersionTag,
            [.. subjects.Select(s => s.After)],
            AdverseOutcomes.Of(header.Draft),
            options);
        return comparison.ToDifference(options);
    }

    /// <summary>An instant as the report writes it: UTC, seven fractional digits at most, trailing zeros dropped.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The answer's wire word.</summary>
    public static string Word(DecisionAnswer? answer) => answer switch
    {
        DecisionAnswer.Allowed => "allowed",
        DecisionAnswer.Denied => "denied",
        DecisionAnswer.NotGranted => "not-granted",
        _ => "undecided",
    };

    private static GradeMatrix Grades(Policy? before, Policy draft, IReadOnlyList<SimulatedSubject> subjects)
    {
        ImmutableArray<string> from = [.. (before?.Grades.Select(g => g.Name) ?? []), NoGrade];
        ImmutableArray<string> to = [.. draft.Grades.Select(g => g.Name), NoGrade];
        var counts = new Dictionary<(string, string), int>();
        foreach (var s in subjects)
        {
            var key = (s.Before.Grade ?? NoGrade, s.After.Grade ?? NoGrade);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var rows = from.Select(f =>
        {
            var total = to.Sum(t => counts.GetValueOrDefault((f, t)));
            return new GradeRow(f, total, [.. to.Select(t =>
            {
                var n = counts.GetValueOrDefault((f, t));
                return new GradeCell(t, n, Share(n, total), Share(n, subjects.Count));
            })]);
        });
        return new GradeMatrix(from, to, [.. rows]);
    }

    private static ScoreChanges Scores(IReadOnlyList<SimulatedSubject> subjects)
    {
        var deltas = subjects.Where(s => s.Before.Score is not null && s.After.Score is not null).Select(s => s.After.Score!.Value - s.Before.Score!.Value).Order().ToList();
        var buckets = Bands.Select(b => new ScoreBucket(b.Label, b.From, b.To, deltas.Count(d => (b.From is null || d >= b.From) && (b.To is null || d <= b.To))));
        return new ScoreChanges(
            deltas.Count,
            deltas.Count(d => d == 0),
            deltas.Count(d => d > 0),
            deltas.Count(d => d < 0),
            subjects.Count(s => s.Before.Score is null && s.After.Score is not null),
            subjects.Count(s => s.Before.Score is not null && s.After.Score is null),
            deltas.Count == 0 ? null : deltas[0],
            deltas.Count == 0 ? null : deltas[^1],
            deltas.Count == 0 ? null : Math.Round(deltas.Average(d => (double)d), 6),
            deltas.Count == 0 ? null : deltas[(deltas.Count - 1) / 2],
            [.. buckets]);
    }

    private static ImmutableArray<ListChange> Lists(Policy? before, Policy draft, IReadOnlyList<SimulatedSubject> subjects)
    {
        var ids = (before?.Lists.Select(l => l.Id) ?? []).Concat(draft.Lists.Select(l => l.Id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return [.. ids.Select(id => new ListChange(
            id,
            subjects.Count(s => s.Before.Lists.Contains(id)),
            subjects.Count(s => s.After.Lists.Contains(id)),
            subjects.Count(s => !s.Before.Lists.Contains(id) && s.After.Lists.Contains(id)),
            subjects.Count(s => s.Before.Lists.Contains(id) && !s.After.Lists.Contains(id))))];
    }

    private static ImmutableArray<MeasureChange> Measures(Policy? before, Policy draft, IReadOnlyList<SimulatedSubject> subjects)
    {
        var measures = draft.Measures.Concat(before?.Measures ?? []).DistinctBy(m => m.Id, StringComparer.Ordinal).OrderBy(m => m.Id, StringComparer.Ordinal);
        return [.. measures.Select(m => new MeasureChange(
            m.Id,
            m.Capability,
            m.Effect == MeasureEffect.Restrict ? "restrict" : "grant",
            subjects.Count(s => s.Before.Measures.Contains(m.Id)),
            subjects.Count(s => s.After.Measures.Contains(m.Id)),
            subjects.Count(s => !s.Before.Measures.Contains(m.Id) && s.After.Measures.Contains(m.Id)),
            subjects.Count(s => s.Before.Measures.Contains(m.Id) && !s.After.Measures.Contains(m.Id))))];
    }

    private static ImmutableArray<RelyingPartyChange> RelyingParties(IReadOnlyList<SimulatedSubject> subjects, Func<string, IEnumerable<string>> relyingParties)
    {
        var changes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var s in subjects)
        {
            foreach (var capability in s.Before.Answers.Keys.Union(s.After.Answers.Keys))
            {
                DecisionAnswer? was = s.Before.Answers.TryGetValue(capability, out var w) ? w : null;
                DecisionAnswer? now = s.After.Answers.TryGetValue(capability, out var n) ? n : null;
                if (was == now || (was is null && now == DecisionAnswer.Allowed))
                {
                    continue;
                }

                var to = changes.TryGetValue(capability, out var found) ? found : changes[capability] = new(StringComparer.Ordinal);
                to[Word(now)] = to.GetValueOrDefault(Word(now)) + 1;
            }
        }

        return [.. changes
            .SelectMany(c => relyingParties(c.Key).Distinct(StringComparer.Ordinal).Select(rp => new RelyingPartyChange(rp, c.Key, c.Value.Values.Sum(), c.Value.ToImmutableSortedDictionary(StringComparer.Ordinal))))
            .OrderByDescending(r => r.Changed).ThenBy(r => r.RelyingParty, StringComparer.Ordinal).ThenBy(r => r.Capability, StringComparer.Ordinal)];
    }

    private static PastDecisions Decisions(IReadOnlyList<PastDecisionCheck> decisions)
    {
        var rows = decisions.GroupBy(d => (d.Measure, d.RelyingParty))
            .Select(g => new PastDecisionRow(
                g.Key.Measure,
                g.Key.RelyingParty,
                g.Count(),
                g.Count(d => d.Different),
                g.Where(d => d.Different).GroupBy(d => $"{Word(d.Recorded)}->{Word(d.Draft)}", StringComparer.Ordinal).ToImmutableSortedDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal)))
            .OrderByDescending(r => r.Different).ThenBy(r => r.Measure, StringComparer.Ordinal).ThenBy(r => r.RelyingParty, StringComparer.Ordinal);
        return new PastDecisions(decisions.Count, decisions.Count(d => d.Different), [.. rows]);
    }

    private static ChangeDrivers Drivers(IReadOnlyList<SimulatedSubject> subjects)
    {
        var types = subjects.SelectMany(s => s.Shifts).GroupBy(t => t.Type, StringComparer.Ordinal)
            .Select(g => new TypeDriver(g.Key, g.Count(), g.Sum(t => (long)t.Before), g.Sum(t => (long)t.After), g.Sum(t => (long)t.Size)))
            .OrderByDescending(t => t.Shift).ThenByDescending(t => t.Subjects).ThenBy(t => t.Type, StringComparer.Ordinal);
        var rules = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string rule) => rules[rule] = rules.GetValueOrDefault(rule) + 1;
        foreach (var s in subjects.Where(s => s.Changed))
        {
            if (s.Before.Score != s.After.Score || s.Before.Status != s.After.Status)
            {
                Add("scoring");
            }

            if (s.Before.Grade != s.After.Grade)
            {
                Add("grade-bands");
            }

            foreach (var list in s.Before.Lists.Except(s.After.Lists).Union(s.After.Lists.Except(s.Before.Lists)))
            {
                Add($"list:{list}");
            }

            foreach (var measure in s.Before.Measures.Except(s.After.Measures).Union(s.After.Measures.Except(s.Before.Measures)))
            {
                Add($"measure:{measure}");
            }
        }

        return new ChangeDrivers(
            [.. types],
            [.. rules.Select(r => new RuleDriver(r.Key, r.Value)).OrderByDescending(r => r.Subjects).ThenBy(r => r.Rule, StringComparer.Ordinal)]);
    }

    private static ImmutableArray<SampleSubject> Sample(IReadOnlyList<SimulatedSubject> subjects, Func<SubjectId, string> mask, int size)
    {
        // Most changed first: lists, then measures, then the score's move, ties by id so the sample is stable.
        var ranked = subjects.Where(s => s.Changed)
            .Select(s => (S: s, Lists: Differ(s.Before.Lists, s.After.Lists), Measures: Differ(s.Before.Measures, s.After.Measures), Score: (s.After.Score ?? 0) - (s.Before.Score ?? 0)))
            .OrderByDescending(x => x.Lists).ThenByDescending(x => x.Measures).ThenByDescending(x => Math.Abs(x.Score)).ThenBy(x => x.S.Before.Subject.Value, StringComparer.Ordinal)
            .Take(Math.Max(0, size));
        return [.. ranked.Select((x, i) => new SampleSubject(mask(x.S.Before.Subject), i + 1, Of(x.S.Before), Of(x.S.After), x.Score, x.Lists, x.Measures))];
    }

    private static int Differ(ImmutableArray<string> a, ImmutableArray<string> b) => a.Except(b).Count() + b.Except(a).Count();

    private static SampleOutcome Of(SubjectOutcome o) =>
        new(o.Status?.ToString().ToLowerInvariant(), o.Score, o.Grade, o.Lists, o.Measures);

    private static double Share(int n, int of) => of == 0 ? 0 : Math.Round((double)n / of, 6);
}
