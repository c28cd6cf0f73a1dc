using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Policies;
using Credence.Core.Scoring;

namespace Credence.Core.Simulation;

/// <summary>
/// One subject's outcome under one policy version at one instant, as a simulation compares it: the
/// score, grade, lists held, measures triggered and the answer a relying party would get for each
/// capability the policy decides. The fairness report takes these under both policies of a simulation.
/// </summary>
/// <param name="Policy">The policy version, or null when no policy governed the subject (no outcome at all).</param>
/// <param name="Status">Whether the subject was scored; null without a policy.</param>
/// <param name="Lists">The ids of the lists the subject is on, in the policy's order.</param>
/// <param name="Measures">The ids of the measures triggered, in the policy's order.</param>
/// <param name="Answers">Each capability the policy decides, with its answer.</param>
public sealed record SubjectOutcome(
    SubjectId Subject,
    string? Policy,
    ScoreStatus? Status,
    int? Score,
    string? Grade,
    ImmutableArray<string> Lists,
    ImmutableArray<string> Measures,
    ImmutableSortedDictionary<string, DecisionAnswer> Answers)
{
    /// <summary>The outcome of a subject that no policy governs: nothing held, nothing decided.</summary>
    public static SubjectOutcome None(SubjectId subject) =>
        new(subject, null, null, null, null, [], [], ImmutableSortedDictionary.Create<string, DecisionAnswer>(StringComparer.Ordinal));

    /// <summary>The outcome of <paramref name="facts"/> at <paramref name="asOf"/>, from the allocation-free engine.</summary>
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

        return new SubjectOutcome(
            facts.Subject,
            p.VersionTag,
            summary.Status,
            summary.Status == ScoreStatus.Scored ? summary.Score : null,
            summary.GradeIndex >= 0 ? p.Grades[summary.GradeIndex].Name : null,
            lists.ToImmutable(),
            measures.ToImmutable(),
            Answer(p, summary));
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
