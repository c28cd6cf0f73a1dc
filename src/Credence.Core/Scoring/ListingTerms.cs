using System.Collections.Immutable;

namespace Credence.Core.Scoring;

/// <summary>The terms of a subject's listings at an instant, without building the full explanation.</summary>
/// <remarks>
/// Implementation note: the registry re-scores every subject an intake batch touches and stores
/// only each listing's dates; the full assessment (contributions, key reasons, path forward) costs
/// several times more. The dates are computed exactly as the explanation's listings compute them
/// (the earliest start and the latest end among the records holding the subject at the instant).
/// </remarks>
public static class ListingTerms
{
    /// <summary>
    /// The terms of the lists <paramref name="summary"/> says the subject is on at
    /// <paramref name="asOf"/>; the summary must be the engine's for the same facts and instant.
    /// </summary>
    public static ImmutableArray<ListingTerm> At(SubjectFacts subject, DateTimeOffset asOf, ScoreSummary summary)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (summary.Lists == 0)
        {
            return [];
        }

        var t = asOf.UtcTicks;
        var lists = subject.Policy.Lists;
        var result = ImmutableArray.CreateBuilder<ListingTerm>();
        for (var l = 0; l < lists.Length; l++)
        {
            if (!summary.IsListed(l))
            {
                continue;
            }

            if (!lists[l].RestsOnRecords)
            {
                result.Add(new ListingTerm(l, null, null));
                continue;
            }

            long since = long.MaxValue, until = long.MinValue;
            var facts = subject.Facts;
            for (var i = 0; i < facts.Length; i++)
            {
                var end = ListEntries.HoldsUntil(subject, lists[l], i, t);
                if (end > t)
                {
                    since = Math.Min(since, facts[i].Start);
                    until = Math.Max(until, end);
                }
            }

            result.Add(since == long.MaxValue
                ? new ListingTerm(l, null, null)
                : new ListingTerm(l, Instant(since), Instant(until)));
        }

        return result.ToImmutable();
    }

    private static DateTimeOffset Instant(long ticks) =>
        ticks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue : new DateTimeOffset(ticks, TimeSpan.Zero);
}
