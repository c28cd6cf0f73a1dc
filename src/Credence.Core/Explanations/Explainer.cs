using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>
/// Builds the full <see cref="Assessment"/> of a subject: the same evaluation as
/// <see cref="ScoringEngine"/>, with every contribution, listing and measure spelled out, the key
/// reasons for an adverse outcome and the path forward.
/// </summary>
public static class Explainer
{
    /// <summary>Assesses <paramref name="subject"/> as of <paramref name="asOf"/>.</summary>
    public static Assessment Assess(SubjectFacts subject, DateTimeOffset asOf, bool consent)
    {
        var t = asOf.UtcTicks;
        var policy = subject.Policy;
        var (summary, counted, listings) = Basis(subject, t, consent);
        var areas = ImmutableSortedDictionary.CreateRange(
            Enum.GetValues<Area>().Select(a => KeyValuePair.Create(a, counted.Where(c => c.Area == a).Sum(c => c.Counted))));
        var reach = new GradeReach(subject, t, consent);
        var measures = policy.Measures.Select((m, i) =>
        {
            var (reasons, forward) = MeasureReasons.For(subject, t, summary, counted, listings, i, reach);
            return new MeasureOutcome(m.Definition.Id, m.Definition.Name, m.Definition.Capability, m.Definition.Effect, summary.IsTriggered(i), TriggerText(m.Definition.Trigger), reasons, forward);
        }).ToImmutableArray();
        var scored = summary.Status == ScoreStatus.Scored;
        return new Assessment(
            subject.Subject,
            policy.Policy.VersionTag,
            asOf,
            summary.Status,
            scored ? summary.Score : null,
            scored ? policy.Policy.Grades[summary.GradeIndex].Name : null,
            areas,
            counted,
            Inactive(subject, t),
            listings,
            measures,
            KeyReasons.Rank(subject, summary, counted, listings),
            PathFinder.Find(subject, t, summary, counted, listings, reach),
            summary);
    }

    /// <summary>
    /// What every assessment rests on: the score, each record's contribution (with the instant it
    /// stops counting) and the listings with their terms. The scheduler's transitions need only
    /// this, not the key reasons or the search for the next grade.
    /// </summary>
    internal static (ScoreSummary Summary, ImmutableArray<Contribution> Counted, ImmutableArray<Listing> Listings) Basis(SubjectFacts subject, long t, bool consent)
    {
        var contributions = new int[subject.Count];
        var summary = ScoringEngine.Evaluate(subject, t, consent, contributions);
        return (summary, Contributions(subject, t, contributions, summary), Listings(subject, t, summary));
    }

    /// <summary>Text of a trigger, e.g. <c>list court-defaulters</c> or <c>grade at least AA</c>.</summary>
    public static string TriggerText(MeasureTrigger trigger)
    {
        var parts = new List<string>();
        if (trigger.List is { } list)
        {
            parts.Add($"list {list}");
        }

        if (trigger.GradeAtLeast is { } g1)
        {
            parts.Add($"grade at least {g1}");
        }

        if (trigger.GradeAtMost is { } g2)
        {
            parts.Add($"grade at most {g2}");
        }

        return string.Join(" and ", parts);
    }

    private static ImmutableArray<Contribution> Contributions(SubjectFacts subject, long t, int[] counted, ScoreSummary summary)
    {
        var result = ImmutableArray.CreateBuilder<Contribution>();
        if (summary.Status is ScoreStatus.UnderAge or ScoreStatus.NotCovered)
        {
            return result.ToImmutable();
        }

        var disputed = subject.File.Disputes.Select(d => d.Record).ToHashSet();
        for (var i = 0; i < subject.Count; i++)
        {
            var f = subject.Facts[i];
            if (!f.CountsAt(t) || f.Points == 0)
            {
                continue;
            }

            var r = subject.Records[i];
            var type = subject.Policy.Policy.RecordTypes[f.Type];
            var decayed = type.Decays && counted[i] != f.Points;
            result.Add(new Contribution(
                r.Key, r.Version, r.Type, r.Area, f.Points, counted[i], r.OccurredAt,
                ToInstant(Math.Min(f.End, f.Cut)), decayed, type.Cap is not null && !decayed && counted[i] != f.Points, disputed.Contains(r.Key)));
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<InactiveRecord> Inactive(SubjectFacts subject, long t)
    {
        var result = ImmutableArray.CreateBuilder<InactiveRecord>();
        foreach (var ignored in subject.Ignored)
        {
            result.Add(new InactiveRecord(ignored.Record.Key, ignored.Record.Version, ignored.Record.Type, ignored.Reason, ignored.Detail));
        }

        var disputes = subject.File.Disputes.ToDictionary(d => d.Record, d => d.OpenedAt.UtcTicks);
        // A record granted more than one repair is repaired from the earliest, as the engine scores it (SubjectFacts).
        var repairs = subject.File.Repairs.GroupBy(r => r.Record).ToDictionary(g => g.Key, g => g.Min(r => r.EffectiveAt.UtcTicks));
        foreach (var v in subject.File.Versions.Where(v => v.Action == RecordAction.Withdrawn && v.ReportedAt.UtcTicks <= t))
        {
            result.Add(new InactiveRecord(v.Key, v.Version, v.Type, "withdrawn", $"withdrawn by {v.Key.Source} on {v.ReportedAt:u}{(v.Note is null ? string.Empty : ": " + v.Note)}"));
        }

        for (var i = 0; i < subject.Count; i++)
        {
            var f = subject.Facts[i];
            var r = subject.Records[i];
            if (f.CountsAt(t) || t >= f.KnownUntil && IsWithdrawnLater(subject, r))
            {
                continue;
            }

            var (reason, detail) =
                t < f.Start ? ("not-yet-effective", $"counts from {ToInstant(f.Start):u}")
                : t >= f.KnownUntil ? ("superseded", $"replaced by a later version on {ToInstant(f.KnownUntil):u}")
                : repairs.TryGetValue(r.Key, out var at) && t >= at ? ("repaired", $"repair granted with effect from {ToInstant(at):u}")
                : disputes.TryGetValue(r.Key, out var d) && t >= d && t < f.End ? ("disputed", $"under dispute since {ToInstant(d):u}; its type does not count while disputed")
                : ("expired", $"stopped counting on {ToInstant(f.End):u}");
            result.Add(new InactiveRecord(r.Key, r.Version, r.Type, reason, detail));
        }

        return result.ToImmutable();
    }

    private static bool IsWithdrawnLater(SubjectFacts subject, Record r) =>
        subject.File.Versions.Any(v => v.Key == r.Key && v.Version == r.Version + 1 && v.Action == RecordAction.Withdrawn);

    private static ImmutableArray<Listing> Listings(SubjectFacts subject, long t, ScoreSummary summary)
    {
        // Since and until come from ListingTerms, the one place that works them out (re-scoring
        // uses it too); the explanation adds the records and the basis in words.
        var result = ImmutableArray.CreateBuilder<Listing>();
        foreach (var term in ListingTerms.At(subject, new DateTimeOffset(t, TimeSpan.Zero), summary))
        {
            var list = subject.Policy.Lists[term.List];
            var def = list.Definition;
            if (list.RestsOnRecords)
            {
                var holding = ListEntries.Holding(subject, list, t);
                var keys = holding.Select(h => subject.Records[h.Fact].Key).Distinct().ToImmutableArray();
                var types = string.Join(", ", holding.Select(h => subject.Records[h.Fact].Type).Distinct());
                result.Add(new Listing(def.Id, def.Name, def.Kind, def.Published, term.Since, term.Until, keys, $"active record of {types} with a legal basis"));
            }
            else
            {
                result.Add(new Listing(def.Id, def.Name, def.Kind, def.Published, null, null, [], ConditionText(def.Entry)));
            }
        }

        return result.ToImmutable();
    }

    private static string ConditionText(ListEntry entry)
    {
        var parts = new List<string>();
        if (entry.GradeAtLeast is { } g1)
        {
            parts.Add($"grade at least {g1}");
        }

        if (entry.GradeAtMost is { } g2)
        {
            parts.Add($"grade at most {g2}");
        }

        if (entry.NoNegativeRecordWithin is { } d)
        {
            parts.Add($"no negative record within {d}");
        }

        return string.Join(" and ", parts);
    }

    internal static DateTimeOffset ToInstant(long ticks) =>
        ticks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : new DateTimeOffset(ticks, TimeSpan.Zero);
}
