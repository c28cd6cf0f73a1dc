using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Scoring;

namespace Credence.Core.Explanations;

/// <summary>
/// One subject's outcome under one policy version at one instant: the score, grade, lists held,
/// measures triggered, the answer a relying party would get for each capability the policy decides,
/// and the record types that made it. The one per-subject outcome that both a policy simulation
/// (<c>Simulation.SimulatedSubject</c>, under the baseline and the draft) and the fairness report
/// (<c>Fairness.FairnessKernel</c>, which reads nothing about the subject beyond its identifier and
/// this) read, so the two can never disagree about what a policy gave someone.
/// </summary>
/// <remarks>
/// Implementation note: it lives beside <see cref="Assessment"/>, its full, explained sibling, because
/// it is what the scoring engine's summary means in the domain's words (lists, measures, answers); the
/// simulation and the fairness report are both readers of it, neither owns it.
/// </remarks>
/// <param name="Subject">The subject; the fairness report reads its cohorts from the identifier alone.</param>
/// <param name="Policy">The policy version, or null when no policy governed the subject (no outcome at all).</param>
/// <param name="Status">Whether the subject was scored; null without a policy.</param>
/// <param name="Score">The score, when scored.</param>
/// <param name="Grade">The grade, when scored.</param>
/// <param name="Lists">The ids of the lists the subject is on, in the policy's order.</param>
/// <param name="Measures">The ids of the measures triggered, in the policy's order.</param>
/// <param name="Answers">Each capability the policy decides, with its answer.</param>
/// <param name="RecordTypes">The record types of the subject's records that count at the instant, each once, in ordinal order.</param>
public sealed record SubjectOutcome(
    SubjectId Subject,
    string? Policy,
    ScoreStatus? Status,
    int? Score,
    string? Grade,
    ImmutableArray<string> Lists,
    ImmutableArray<string> Measures,
    ImmutableSortedDictionary<string, DecisionAnswer> Answers,
    ImmutableArray<string> RecordTypes)
{
    /// <summary>Whether the subject is in a fairness report's population: scored, or unscored only for want of consent.</summary>
    public bool InScope => Status is ScoreStatus.Scored or ScoreStatus.NoConsent;

    /// <summary>The outcome of a subject that no policy governs: nothing held, nothing decided.</summary>
    public static SubjectOutcome None(SubjectId subject) =>
        new(subject, null, null, null, null, [], [], ImmutableSortedDictionary.Create<string, DecisionAnswer>(StringComparer.Ordinal), []);

    /// <summary>The outcome of <paramref name="facts"/> at <paramref name="asOf"/>, from the allocation-free engine.</summary>
    /// <param name="consent">The subject's consent in force at the instant (matters only under a policy that requires it).</param>
    /// <remarks>
    /// Implementation note: a record type is "present" when one of the subject's record versions of
    /// that type counts at the instant (reported, believed, not repaired or disputed away, its effect
    /// period not over): the records that make the outcome, as the subject's file shows them.
    /// </remarks>
    public static SubjectOutcome Of(SubjectFacts facts, DateTimeOffset asOf, bool consent)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var summary = ScoringEngine.Evaluate(facts, asOf, consent);
        var p = facts.Policy.Policy;
        var lists = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < p.Lists.Length; i++)
        {
            if (summary.IsListed(i))
            {
                lists.Add(p.Lists[i].Id);
            }
        }

        var measures = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < p.Measures.Length; i++)
        {
            if (summary.IsTriggered(i))
            {
                measures.Add(p.Measures[i].Id);
            }
        }

        var scored = summary.Status == ScoreStatus.Scored;
        return new SubjectOutcome(
            facts.Subject,
            p.VersionTag,
            summary.Status,
            scored ? summary.Score : null,
            scored && summary.GradeIndex >= 0 ? p.Grades[summary.GradeIndex].Name : null,
            lists.ToImmutable(),
            measures.ToImmutable(),
            Answer(p, summary),
            Present(facts, asOf));
    }

    /// <summary>The record types with a version counting at <paramref name="asOf"/>, each once, ordinal order.</summary>
    private static ImmutableArray<string> Present(SubjectFacts facts, DateTimeOffset asOf)
    {
        var t = asOf.UtcTicks;
        var types = facts.Policy.Policy.RecordTypes;
        var seen = new bool[types.Length];
        var count = 0;
        foreach (var fact in facts.Facts)
        {
            if (!seen[fact.Type] && fact.CountsAt(t))
            {
                seen[fact.Type] = true;
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var present = new string[count];
        for (int i = 0, at = 0; i < seen.Length; i++)
        {
            if (seen[i])
            {
                present[at++] = types[i].Id;
            }
        }

        Array.Sort(present, StringComparer.Ordinal);
        return ImmutableArray.Create(present);
    }

    /// <summary>True when a relying party would see no difference and the subject holds the same score, grade and lists.</summary>
    public bool SameAs(SubjectOutcome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Status == other.Status && Score == other.Score && Grade == other.Grade
            && Lists.SequenceEqual(other.Lists, StringComparer.Ordinal)
            && Measures.SequenceEqual(other.Measures, StringComparer.Ordinal)
            && Answers.Count == other.Answers.Count && Answers.All(a => other.Answers.TryGetValue(a.Key, out var b) && a.Value == b);
    }

    /// <summary>
    /// The answer for every capability the policy has a measure on, as <see cref="Decider"/> gives it:
    /// denied when a restriction triggers; not granted where grants exist and none triggers; allowed otherwise.
    /// </summary>
    private static ImmutableSortedDictionary<string, DecisionAnswer> Answer(Policy p, ScoreSummary summary)
    {
        var answers = new SortedDictionary<string, DecisionAnswer>(StringComparer.Ordinal);
        var granted = new HashSet<string>(StringComparer.Ordinal);
        var grants = new HashSet<string>(StringComparer.Ordinal);
        var denied = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < p.Measures.Length; i++)
        {
            var m = p.Measures[i];
            answers[m.Capability] = DecisionAnswer.Allowed;
            if (m.Effect == MeasureEffect.Restrict && summary.IsTriggered(i))
            {
                denied.Add(m.Capability);
            }
            else if (m.Effect == MeasureEffect.Grant)
            {
                grants.Add(m.Capability);
                if (summary.IsTriggered(i))
                {
                    granted.Add(m.Capability);
                }
            }
        }

        foreach (var capability in answers.Keys.ToList())
        {
            answers[capability] = denied.Contains(capability) ? DecisionAnswer.Denied
                : grants.Contains(capability) && !granted.Contains(capability) ? DecisionAnswer.NotGranted
                : DecisionAnswer.Allowed;
        }

        return answers.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }
}
