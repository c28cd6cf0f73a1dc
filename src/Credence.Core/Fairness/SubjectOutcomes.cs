using System.Collections.Immutable;
using Credence.Core.Scoring;

namespace Credence.Core.Fairness;

/// <summary>Reads a <see cref="SubjectOutcome"/> from a subject's compiled facts with the allocation-free engine.</summary>
public static class SubjectOutcomes
{
    /// <summary>The subject's outcome at <paramref name="asOf"/>.</summary>
    /// <param name="consent">The subject's consent in force at the instant (matters only under a policy that requires it).</param>
    /// <remarks>
    /// Implementation note: a record type is "present" when one of the subject's record versions of
    /// that type counts at the instant (reported, believed, not repaired or disputed away, its effect
    /// period not over): the records that make the outcome, as the subject's file shows them.
    /// </remarks>
    public static SubjectOutcome Of(SubjectFacts facts, DateTimeOffset asOf, bool consent)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var policy = facts.Policy;
        var summary = ScoringEngine.Evaluate(facts, asOf, consent);
        var lists = ImmutableArray.CreateBuilder<string>();
        for (var l = 0; l < policy.Policy.Lists.Length; l++)
        {
            if (summary.IsListed(l))
            {
                lists.Add(policy.Policy.Lists[l].Id);
            }
        }

        var triggered = ImmutableArray.CreateBuilder<string>();
        for (var m = 0; m < policy.Policy.Measures.Length; m++)
        {
            if (summary.IsTriggered(m))
            {
                triggered.Add(policy.Policy.Measures[m].Id);
            }
        }

        var t = asOf.UtcTicks;
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var fact in facts.Facts)
        {
            if (fact.CountsAt(t))
            {
                types.Add(policy.Policy.RecordTypes[fact.Type].Id);
            }
        }

        var scored = summary.Status == ScoreStatus.Scored;
        return new SubjectOutcome(
            facts.Subject,
            summary.Status,
            scored ? summary.Score : null,
            scored && summary.GradeIndex >= 0 ? policy.Policy.Grades[summary.GradeIndex].Name : null,
            lists.DrainToImmutable(),
            triggered.DrainToImmutable(),
            [.. types]);
    }
}
