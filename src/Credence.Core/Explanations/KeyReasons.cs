using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>
/// Picks at most the policy's number of key reasons (never more than four) for an adverse outcome,
/// ordered by impact: why the subject is not scored; then blacklistings (they can restrict);
/// then record types by the points they cost, most first; ties broken by code so the order is stable.
/// </summary>
internal static class KeyReasons
{
    public const int Limit = 4;

    public static ImmutableArray<Reason> Rank(SubjectFacts subject, ScoreSummary summary, ImmutableArray<Contribution> contributions, ImmutableArray<Listing> listings)
    {
        var policy = subject.Policy.Policy;
        var max = Math.Clamp(policy.MaxKeyFactors, 1, Limit);
        var reasons = new List<Reason>();
        switch (summary.Status)
        {
            case ScoreStatus.UnderAge:
                return [new Reason("UNDER-AGE", $"persons under {policy.MinimumAge} are neither scored nor listed", 0, [])];
            case ScoreStatus.NotCovered:
                return [new Reason("NOT-COVERED", $"{policy.VersionTag} covers {policy.Subjects} subjects only", 0, [])];
            case ScoreStatus.NoConsent:
                reasons.Add(new Reason("NO-CONSENT", "the policy scores only subjects who consent; without consent there is no score and no rewards", 0, []));
                break;
        }

        foreach (var listing in listings.Where(l => l.Kind == ListKind.Blacklist))
        {
            reasons.Add(new Reason($"LISTED.{listing.List}", $"on the {listing.Name} ({listing.Basis})", 0, listing.Records));
        }

        var adverse = reasons.Count > 0 || (summary.Status == ScoreStatus.Scored && summary.Score < policy.Scale.Base) || summary.Measures != 0 && HasRestriction(subject, summary);
        if (!adverse)
        {
            return [];
        }

        reasons.AddRange(ByType(policy, contributions));
        return [.. reasons.Take(max)];
    }

    /// <summary>
    /// One reason per record type among the negative contributions that count, with the records and
    /// the points they cost, most costly first (ties by code).
    /// </summary>
    public static IEnumerable<Reason> ByType(Policy policy, ImmutableArray<Contribution> contributions) =>
        contributions
            .Where(c => c.Counted < 0)
            .GroupBy(c => c.Type, StringComparer.Ordinal)
            .Select(g => new Reason(
                $"RECORD.{g.Key}",
                $"{g.Count()} {NameOf(policy, g.Key)} record{(g.Count() == 1 ? string.Empty : "s")} cost {-g.Sum(c => c.Counted)} points",
                g.Sum(c => c.Counted),
                [.. g.Select(c => c.Record)]))
            .OrderBy(r => r.Impact)
            .ThenBy(r => r.Code, StringComparer.Ordinal);

    private static bool HasRestriction(SubjectFacts subject, ScoreSummary summary)
    {
        var measures = subject.Policy.Measures;
        for (var m = 0; m < measures.Length; m++)
        {
            if (summary.IsTriggered(m) && !measures[m].IsGrant)
            {
                return true;
            }
        }

        return false;
    }

    private static string NameOf(Policy policy, string type) => policy.FindRecordType(type)?.Name ?? type;
}
