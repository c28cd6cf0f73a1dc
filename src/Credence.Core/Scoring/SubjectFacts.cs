using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Core.Scoring;

/// <summary>
/// One subject's file compiled against one policy: the form the scoring engine reads. Build it
/// once per (file, policy) and score it at as many instants as needed.
/// </summary>
/// <remarks>
/// Implementation note: the only way to build facts is from a <see cref="SubjectFile"/>, which
/// holds one subject's own records and nothing else; so the scoring engine cannot see any other
/// subject's records (promise 1), whatever its caller does.
/// </remarks>
public sealed class SubjectFacts
{
    // Implementation note: the fields scoring reads on every evaluation come first and the rest
    // lives in one colder object, so that the subject itself is one or two cache lines: scoring a
    // subject is bound by fetching its data, not by arithmetic.
    private readonly Detail detail;

    private SubjectFacts(CompiledPolicy policy, SubjectFile file, Fact[] facts, Record[] records, ImmutableArray<IgnoredRecord> ignored, long adultFrom)
    {
        Policy = policy;
        AdultFrom = adultFrom;
        var hot = new HotFact[facts.Length];
        for (var i = 0; i < facts.Length; i++)
        {
            hot[i] = new HotFact(facts[i], policy.Types[facts[i].Type]);
        }

        detail = new Detail(file, facts, records, ignored, hot, new long[policy.Lists.Length][], new long[policy.Lists.Length][]);
    }

    /// <summary>The policy the file was compiled against.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>
    /// The instants at which this subject's non-decaying points or list membership change, ascending, from
    /// <see cref="long.MinValue"/>, padded with <see cref="ScoreTimeline.Never"/> to whole vectors.
    /// </summary>
    internal long[] StepStarts { get; private set; } = [];

    /// <summary>What holds from each of <see cref="StepStarts"/> to the next.</summary>
    internal ScoreStep[] Steps { get; private set; } = [];

    /// <summary>The facts whose type decays, in the order of <see cref="Facts"/>.</summary>
    internal DynamicFact[] Dynamic { get; private set; } = [];

    /// <summary>First instant (UTC ticks) at which the subject may be scored; <see cref="long.MaxValue"/> if never (not covered).</summary>
    internal long AdultFrom { get; }

    /// <summary>
    /// The first instant any of <see cref="Dynamic"/> counts, and the instant after the last one
    /// stops: outside it they all count nothing and scoring does not read them.
    /// </summary>
    /// <remarks>
    /// Implementation note: a decaying effect is usually short (months) against a file of years, so
    /// for most subjects at most instants this spares reading the decaying facts at all.
    /// </remarks>
    internal (long From, long Until) DynamicSpan { get; private set; } = (long.MaxValue, long.MinValue);

    /// <summary>The subject's file.</summary>
    public SubjectFile File => detail.File;

    /// <summary>The subject.</summary>
    public SubjectId Subject => File.Subject;

    /// <summary>Record versions the policy cannot count.</summary>
    public ImmutableArray<IgnoredRecord> Ignored => detail.Ignored;

    /// <summary>Number of compiled facts.</summary>
    public int Count => Facts.Length;

    internal Fact[] Facts => detail.Facts;

    /// <summary>The part of each fact the fact-by-fact loop reads, in the same order as <see cref="Facts"/>.</summary>
    internal HotFact[] Hot => detail.Hot;

    /// <summary>For each record-based list, the intervals during which this subject is on it (empty when never).</summary>
    internal long[][] ListIntervals => detail.ListIntervals;

    /// <summary>For each list with a no-negative-record condition, the intervals during which a negative record blocks entry.</summary>
    internal long[][] BlockedIntervals => detail.BlockedIntervals;

    /// <summary>The record version behind each fact (same order as <see cref="Facts"/>).</summary>
    internal Record[] Records => detail.Records;

    /// <summary>Compiles a subject's file against a policy.</summary>
    public static SubjectFacts Compile(CompiledPolicy policy, SubjectFile file)
    {
        var p = policy.Policy;
        var ignored = ImmutableArray.CreateBuilder<IgnoredRecord>(0);
        var facts = new List<(Fact Fact, Record Record)>(file.Versions.Length);

        // Implementation note: most files have no disputes and no repairs; no look-up is built then.
        var disputes = file.Disputes.IsEmpty ? null : file.Disputes.ToDictionary(d => d.Record, d => d.OpenedAt.UtcTicks);
        var repairs = file.Repairs.IsEmpty ? null : file.Repairs.GroupBy(r => r.Record).ToDictionary(g => g.Key, g => g.Min(r => r.EffectiveAt.UtcTicks));
        var versions = file.Versions;
        for (var i = 0; i < versions.Length; i++)
        {
            var r = versions[i];
            if (r.Action == RecordAction.Withdrawn)
            {
                continue;
            }

            var t = policy.TypeIndex(r.Type);
            if (t < 0)
            {
                ignored.Add(new IgnoredRecord(r, "unknown-type", $"record type '{r.Type}' is not in the catalogue of {p.VersionTag}"));
                continue;
            }

            var type = p.RecordTypes[t];
            if (type.IsNegative && !r.HasLegalBasis)
            {
                ignored.Add(new IgnoredRecord(r, "missing-legal-basis", $"'{r.Type}' lowers a score, so it needs a legal basis, and this record states none"));
                continue;
            }

            if (type.Area != r.Area)
            {
                ignored.Add(new IgnoredRecord(r, "area-mismatch", $"'{r.Type}' belongs to the {type.Area} area, not {r.Area}"));
                continue;
            }

            var next = i + 1 < versions.Length && versions[i + 1].Key == r.Key ? versions[i + 1] : null;
            var knownUntil = next?.ReportedAt.UtcTicks ?? long.MaxValue;
            var cut = knownUntil;
            if (repairs is not null && repairs.TryGetValue(r.Key, out var repairedAt))
            {
                cut = Math.Min(cut, repairedAt);
            }

            if (!type.CountsWhileDisputed && disputes is not null && disputes.TryGetValue(r.Key, out var disputedAt))
            {
                cut = Math.Min(cut, disputedAt);
            }

            var occurred = r.OccurredAt.UtcTicks;
            var start = Math.Max(occurred, r.ReportedAt.UtcTicks);
            var end = type.Lasts.AddTo(r.OccurredAt).UtcTicks;
            var windowStart = type.Cap is { } cap ? cap.Window.SubtractFrom(r.OccurredAt).UtcTicks : 0;
            facts.Add((new Fact(t, PointsOf(type, r.Quantity), occurred, start, end, cut, knownUntil, windowStart, i, r.HasLegalBasis), r));
        }

        facts.Sort(static (a, b) =>
        {
            var c = a.Fact.Occurred.CompareTo(b.Fact.Occurred);
            return c != 0 ? c : a.Fact.Version.CompareTo(b.Fact.Version);
        });

        var factArray = new Fact[facts.Count];
        var recordArray = new Record[facts.Count];
        for (var i = 0; i < factArray.Length; i++)
        {
            (factArray[i], recordArray[i]) = facts[i];
            if (p.RecordTypes[factArray[i].Type].Cap is not null)
            {
                // The facts are in occurrence order, so the window is the run ending at this fact.
                var from = i;
                while (from > 0 && factArray[from - 1].Occurred >= factArray[i].CapWindowStart)
                {
                    from--;
                }

                factArray[i] = factArray[i].WithCapFrom(from);
            }
        }

        var compiled = new SubjectFacts(policy, file, factArray, recordArray, ignored.DrainToImmutable(), AdultFromOf(p, file.Subject));
        compiled.Prepare();
        return compiled;
    }

    /// <summary>
    /// Works out, once, when this subject is on each record-based list and when a negative record
    /// blocks a list's entry (<see cref="ListSampling"/>), then the score timeline, so that scoring
    /// at any instant only looks the instant up.
    /// </summary>
    private void Prepare()
    {
        ListSampling.Sample(this);
        (StepStarts, Steps, Dynamic) = ScoreTimeline.Build(this);
        foreach (var d in Dynamic)
        {
            if (d.Start < d.Stop)
            {
                DynamicSpan = (Math.Min(DynamicSpan.From, d.Start), Math.Max(DynamicSpan.Until, d.Stop));
            }
        }
    }

    /// <summary>Fixed points plus per-unit points for the record's quantity.</summary>
    public static int PointsOf(RecordType type, decimal? quantity)
    {
        var points = type.Points;
        if (type.PerUnit is { } unit && quantity is { } q && q > 0 && unit.Per > 0)
        {
            var steps = decimal.Floor(q / unit.Per);
            if (unit.MaxSteps is { } max && steps > max)
            {
                steps = max;
            }

            points += (int)Math.Clamp(steps * unit.Points, int.MinValue / 4, int.MaxValue / 4);
        }

        return points;
    }

    private static long AdultFromOf(Policy policy, SubjectId subject)
    {
        if (subject.Kind != policy.Subjects)
        {
            return long.MaxValue;
        }

        if (subject.BirthDate is not { } born)
        {
            return long.MinValue;
        }

        // Implementation note: birthdays are taken at midnight UTC; a person scored on the day they
        // come of age is scored from that midnight on.
        var adult = born.AddYears(Math.Max(policy.MinimumAge, 0));
        return new DateTimeOffset(adult.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
    }

    /// <summary>What the explanations, listing terms and fact-by-fact loop read, kept apart from the fields every evaluation reads.</summary>
    private sealed record Detail(
        SubjectFile File,
        Fact[] Facts,
        Record[] Records,
        ImmutableArray<IgnoredRecord> Ignored,
        HotFact[] Hot,
        long[][] ListIntervals,
        long[][] BlockedIntervals);
}
