using System.Collections.Immutable;
using Credence.Core.Policies;

namespace Credence.Core.Fairness;

/// <summary>The adverse outcomes a policy can give, in the policy's order: lists, restrictions, benefits, then the grade.</summary>
public static class AdverseOutcomes
{
    /// <summary>
    /// Every adverse outcome of <paramref name="policy"/>: on each blacklist; not on each redlist; each
    /// restriction triggered; each grant not triggered (its benefit not granted); and a grade at or below
    /// <paramref name="gradeAtOrBelow"/> (the policy's lowest grade when null).
    /// </summary>
    /// <exception cref="ArgumentException">The grade is not one of the policy's.</exception>
    public static ImmutableArray<AdverseOutcome> Of(Policy policy, string? gradeAtOrBelow = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var all = ImmutableArray.CreateBuilder<AdverseOutcome>();
        foreach (var list in policy.Lists)
        {
            all.Add(list.Kind == ListKind.Blacklist
                ? new AdverseOutcome($"listed:{list.Id}", AdverseOutcomeKind.Listed, list.Id, $"listed on {list.Name} ({list.Id})", $"被列入{list.Name}（{list.Id}）", [])
                : new AdverseOutcome($"not-on-redlist:{list.Id}", AdverseOutcomeKind.NotOnRedlist, list.Id, $"not on the redlist {list.Name} ({list.Id})", $"未列入红名单{list.Name}（{list.Id}）", []));
        }

        foreach (var measure in policy.Measures.Where(m => m.Effect == MeasureEffect.Restrict))
        {
            all.Add(new AdverseOutcome($"restricted:{measure.Id}", AdverseOutcomeKind.Restricted, measure.Id,
                $"restricted: {measure.Name} ({measure.Id})", $"受限：{measure.Name}（{measure.Id}）", []));
        }

        foreach (var measure in policy.Measures.Where(m => m.Effect == MeasureEffect.Grant))
        {
            all.Add(new AdverseOutcome($"benefit-not-granted:{measure.Id}", AdverseOutcomeKind.BenefitNotGranted, measure.Id,
                $"benefit not granted: {measure.Name} ({measure.Id})", $"未获授予福利：{measure.Name}（{measure.Id}）", []));
        }

        var grade = gradeAtOrBelow ?? policy.Grades[^1].Name;
        var at = -1;
        for (var i = 0; i < policy.Grades.Length && at < 0; i++)
        {
            at = string.Equals(policy.Grades[i].Name, grade, StringComparison.Ordinal) ? i : -1;
        }

        if (at < 0)
        {
            throw new ArgumentException($"grade '{grade}' is not one of {policy.VersionTag}'s grades ({string.Join(", ", policy.Grades.Select(g => g.Name))})", nameof(gradeAtOrBelow));
        }

        // Bands are kept highest first, so "at or below" is this band and every one after it.
        var grades = policy.Grades.Skip(at).Select(g => g.Name).ToImmutableArray();
        all.Add(new AdverseOutcome($"grade-at-or-below:{grade}", AdverseOutcomeKind.GradeAtOrBelow, grade,
            $"grade {grade} or below", $"等级为{grade}或更低", grades));
        return all.DrainToImmutable();
    }

    /// <summary>Whether <paramref name="grade"/> is one of <paramref name="policy"/>'s grades (exactly as written).</summary>
    public static bool HasGrade(Policy policy, string grade)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Grades.Any(g => string.Equals(g.Name, grade, StringComparison.Ordinal));
    }
}
