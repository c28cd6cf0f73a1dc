using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>The difference a draft policy would make to fairness: both sections, and every cohort whose rate or flags move.</summary>
/// <param name="Before">The section under the active (or named) policy.</param>
/// <param name="After">The section under the draft.</param>
/// <param name="Changes">Each cohort and outcome whose rate or flags differ, flags first.</param>
public sealed record FairnessComparison(FairnessSection Before, FairnessSection After, ImmutableArray<CohortChange> Changes, FairnessWords Words)
{
    /// <summary>
    /// Compares the outcomes of the same subjects under two policies at the same instant, with the same
    /// options (seed included): what a simulation of a draft reports about fairness.
    /// </summary>
    public static FairnessComparison Compare(
        SubjectKind kind,
        string beforeVersion,
        IReadOnlyList<SubjectOutcome> before,
        IReadOnlyList<AdverseOutcome> beforeOutcomes,
        string afterVersion,
        IReadOnlyList<SubjectOutcome> after,
        IReadOnlyList<AdverseOutcome> afterOutcomes,
        FairnessOptions options)
    {
        var b = FairnessKernel.Section(kind, beforeVersion, before, beforeOutcomes, options);
        var a = FairnessKernel.Section(kind, afterVersion, after, afterOutcomes, options);
        return Of(b, a);
    }

    /// <summary>Compares two sections already computed.</summary>
    public static FairnessComparison Of(FairnessSection before, FairnessSection after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        static Dictionary<(string, string, string), CohortRate> Rows(FairnessSection s) =>
            s.Dimensions.SelectMany(d => d.Outcomes.SelectMany(o => o.Cohorts.Select(c => (Key: (d.Dimension, o.Outcome, c.Cohort.Key), Row: c))))
                .ToDictionary(x => x.Key, x => x.Row);

        var was = Rows(before);
        var now = Rows(after);
        var changes = was.Keys.Union(now.Keys)
            .Select(k =>
            {
                was.TryGetValue(k, out var w);
                now.TryGetValue(k, out var n);
                return new CohortChange(k.Item1, k.Item2, k.Item3, w?.Rate, n?.Rate, w?.ImpactRatio, n?.ImpactRatio, w is { Flags.IsEmpty: false }, n is { Flags.IsEmpty: false });
            })
            .Where(c => c.RateBefore != c.RateAfter || c.FlaggedBefore != c.FlaggedAfter)
            .OrderByDescending(c => c.FlaggedBefore != c.FlaggedAfter)
            .ThenBy(c => c.Dimension, StringComparer.Ordinal)
            .ThenBy(c => c.Outcome, StringComparer.Ordinal)
            .ThenBy(c => c.Cohort, StringComparer.Ordinal)
            .ToImmutableArray();
        var added = changes.Where(c => c.FlaggedAfter && !c.FlaggedBefore).ToList();
        var removed = changes.Where(c => c.FlaggedBefore && !c.FlaggedAfter).ToList();
        var en = ImmutableArray.CreateBuilder<string>();
        var zh = ImmutableArray.CreateBuilder<string>();
        en.Add($"{after.PolicyVersion} against {before.PolicyVersion}: {FairnessSentences.N(before.Findings.Length)} disparities before, {FairnessSentences.N(after.Findings.Length)} after; the draft adds {FairnessSentences.N(added.Count)} and removes {FairnessSentences.N(removed.Count)}.");
        zh.Add($"{after.PolicyVersion}对比{before.PolicyVersion}：原有差异{FairnessSentences.N(before.Findings.Length)}处，草案下{FairnessSentences.N(after.Findings.Length)}处；草案新增{FairnessSentences.N(added.Count)}处，消除{FairnessSentences.N(removed.Count)}处。");
        foreach (var c in added)
        {
            en.Add($"New: {CohortDimensions.Label(c.Dimension)} {c.Cohort}, {c.Outcome}: {Rate(c.RateBefore)} → {Rate(c.RateAfter)}.");
            zh.Add($"新增：{CohortDimensions.LabelZh(c.Dimension)}{c.Cohort}，{c.Outcome}：{Rate(c.RateBefore)} → {Rate(c.RateAfter)}。");
        }

        foreach (var c in removed)
        {
            en.Add($"Removed: {CohortDimensions.Label(c.Dimension)} {c.Cohort}, {c.Outcome}: {Rate(c.RateBefore)} → {Rate(c.RateAfter)}.");
            zh.Add($"消除：{CohortDimensions.LabelZh(c.Dimension)}{c.Cohort}，{c.Outcome}：{Rate(c.RateBefore)} → {Rate(c.RateAfter)}。");
        }

        return new FairnessComparison(before, after, changes, new FairnessWords(en.DrainToImmutable(), zh.DrainToImmutable()));
    }

    private static string Rate(double? rate) => rate is { } r ? FairnessSentences.Percent(r) : "-";
}
