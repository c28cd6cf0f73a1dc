using System.Collections.Immutable;
using Credence.Core.Records;
using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>Works out the path forward: expiries, repair openings, listing exits, rewards and the next grade.</summary>
internal static class PathFinder
{
    private const int MaxProbes = 64;

    public static PathForward Find(SubjectFacts subject, long t, ScoreSummary summary, ImmutableArray<Contribution> contributions, ImmutableArray<Listing> listings, GradeReach reach)
    {
        var policy = subject.Policy.Policy;
        var expiries = Expiries(contributions);
        var repairs = Repairs(subject, t);
        var exits = listings.Select(l =>
        {
            // Only the fulfilment of an obligation the subject is listed for ends the listing: name
            // the types that answer the records holding it now, not every type the exit names.
            var compiled = subject.Policy.Lists[subject.Policy.ListIndex(l.List)];
            var answering = ListEntries.Holding(subject, compiled, t)
                .SelectMany(h => compiled.AnsweredBy(subject.Facts[h.Fact].Type))
                .Select(i => policy.RecordTypes[i].Id)
                .ToHashSet(StringComparer.Ordinal);
            return new ListingExit(l.List, l.Until, [.. compiled.Definition.Exit.AllFulfilmentTypes.Where(answering.Contains)]);
        }).ToImmutableArray();
        var rewards = policy.RecordTypes
            .Where(rt => rt.IsPositive)
            .Select(rt => new Reward(rt.Id, rt.Name, rt.Points + (rt.PerUnit is { Points: > 0 } u ? u.Points : 0), rt.Cap is { } cap ? $"at most {cap.Points} points per {cap.Window}" : null))
            .ToImmutableArray();
        return new PathForward(expiries, repairs, exits, rewards, Next(subject, summary, reach));
    }

    /// <summary>The negative contributions that stop counting at a known instant, soonest first.</summary>
    public static ImmutableArray<Expiry> Expiries(ImmutableArray<Contribution> contributions) =>
        [.. contributions
            .Where(c => c.Counted < 0 && c.CountsUntil != DateTimeOffset.MaxValue)
            .OrderBy(c => c.CountsUntil)
            .ThenBy(c => c.Record.ToString(), StringComparer.Ordinal)
            .Select(c => new Expiry(c.Record, c.Type, c.CountsUntil, -c.Counted))];

    /// <summary>Repair openings for every negative record that counts now and that the policy's repair rules cover.</summary>
    public static ImmutableArray<RepairOpening> Repairs(SubjectFacts subject, long t)
    {
        var policy = subject.Policy.Policy;
        var result = ImmutableArray.CreateBuilder<RepairOpening>();
        for (var i = 0; i < subject.Count; i++)
        {
            var f = subject.Facts[i];
            var type = policy.RecordTypes[f.Type];
            if (!type.IsNegative || !f.CountsAt(t) && !ListedBy(subject, i, t))
            {
                continue;
            }

            var rule = policy.Repair.Qualifying.FirstOrDefault(q => q.ForTypes.Contains(type.Id));
            if (rule is null)
            {
                continue;
            }

            var r = subject.Records[i];
            var minimum = policy.Repair.MinimumPeriod.GetValueOrDefault(type.Severity);
            var opensAt = minimum.AddTo(r.OccurredAt);
            RecordKey? fulfilledBy = null;
            for (var j = 0; j < subject.Count; j++)
            {
                var g = subject.Facts[j];
                if (g.Occurred >= f.Occurred && t >= g.Start && t < g.KnownUntil && rule.FulfilledBy.Contains(policy.RecordTypes[g.Type].Id))
                {
                    fulfilledBy = subject.Records[j].Key;
                    break;
                }
            }

            result.Add(new RepairOpening(r.Key, type.Id, type.Severity, opensAt, rule.FulfilledBy, fulfilledBy, fulfilledBy is not null && t >= opensAt.UtcTicks));
        }

        return result.ToImmutable();
    }

    private static bool ListedBy(SubjectFacts subject, int fact, long t) =>
        subject.Policy.Lists.Any(l => l.RestsOnRecords && ListEntries.HoldsUntil(subject, l, fact, t) > t);

    private static NextGrade? Next(SubjectFacts subject, ScoreSummary summary, GradeReach reach)
    {
        if (summary.Status != ScoreStatus.Scored || summary.GradeIndex <= 0)
        {
            return null;
        }

        var grades = subject.Policy.Policy.Grades;
        var target = summary.GradeIndex - 1;
        var needed = grades[target].Minimum - summary.Score;
        return new NextGrade(grades[target].Name, needed, reach.At(target));
    }

    /// <summary>
    /// The first instant after <paramref name="t"/> at which the grade of index <paramref name="target"/>
    /// (or better) is reached without any new record, as counting records end; null when none is.
    /// </summary>
    public static DateTimeOffset? ReachedAt(SubjectFacts subject, long t, bool consent, int target)
    {
        // Probe the instants at which counting records end, in order.
        var probes = subject.Facts
            .Select(f => Math.Min(f.End, f.Cut))
            .Where(end => end > t && end < long.MaxValue)
            .Distinct()
            .Order()
            .Take(MaxProbes);
        foreach (var probe in probes)
        {
            var later = ScoringEngine.Evaluate(subject, Explainer.ToInstant(probe), consent);
            if (later.Status == ScoreStatus.Scored && later.GradeIndex <= target)
            {
                return Explainer.ToInstant(probe);
            }
        }

        return null;
    }
}
