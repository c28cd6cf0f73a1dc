using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;

namespace Credence.Core.Fairness;

/// <summary>
/// The difference a draft policy would make to fairness: both sections (computed by the one
/// <see cref="FairnessKernel"/>), every cohort of every dimension and outcome side by side, and what the
/// draft introduces and removes, in words.
/// </summary>
/// <param name="Before">The section under the baseline (the active or named policy); null when no policy governed the kind.</param>
/// <param name="After">The section under the draft.</param>
/// <param name="Cohorts">Every dimension, outcome and cohort under both, in the draft's order and then what only the baseline has.</param>
/// <param name="Words">What the draft introduces and removes, said plainly in English and Chinese, line for line.</param>
public sealed record FairnessComparison(FairnessSection? Before, FairnessSection After, ImmutableArray<CohortChange> Cohorts, FairnessWords Words)
{
    private const int MaxCarriers = 5;

    /// <summary>The cohorts whose rate, flags or judging differ: flags that appear or disappear first.</summary>
    public ImmutableArray<CohortChange> Changes =>
        [.. Cohorts.Where(c => c.Moved).OrderByDescending(c => c.FlaggedBefore != c.FlaggedAfter)];

    /// <summary>
    /// Compares the outcomes of the same subjects under two policies at the same instant, with the same
    /// options (seed included): what a simulation of a draft reports about fairness. Without a baseline
    /// (<paramref name="beforeVersion"/> null) every disparity of the draft is introduced by it.
    /// </summary>
    public static FairnessComparison Compare(
        SubjectKind kind,
        string? beforeVersion,
        IReadOnlyList<SubjectOutcome>? before,
        IReadOnlyList<AdverseOutcome>? beforeOutcomes,
        string afterVersion,
        IReadOnlyList<SubjectOutcome> after,
        IReadOnlyList<AdverseOutcome> afterOutcomes,
        FairnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (beforeVersion is not null)
        {
            ArgumentNullException.ThrowIfNull(before);
            ArgumentNullException.ThrowIfNull(beforeOutcomes);
        }

        // Implementation note: the two sections are independent and pure (each draws its own seeded
        // replicates), so they are computed at once; the result is the same as one after the other.
        FairnessSection? b = null;
        FairnessSection? a = null;
        Parallel.Invoke(
            () => b = beforeVersion is null ? null : FairnessKernel.Section(kind, beforeVersion, before!, beforeOutcomes!, options),
            () => a = FairnessKernel.Section(kind, afterVersion, after, afterOutcomes, options));
        return Of(b, a!, options);
    }

    /// <summary>Compares two sections already computed with <paramref name="options"/>.</summary>
    public static FairnessComparison Of(FairnessSection? before, FairnessSection after, FairnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(options);
        var was = Rows(before);
        var now = Rows(after);
        var cohorts = ImmutableArray.CreateBuilder<CohortChange>();
        var outcomes = OutcomeIds(before, after);
        foreach (var dimension in CohortDimensions.Of(after.Kind))
        {
            var order = Order(after, dimension).Concat(Order(before, dimension)).DistinctBy(c => c.Key, StringComparer.Ordinal).ToList();
            foreach (var outcome in outcomes)
            {
                foreach (var cohort in order)
                {
                    var key = (dimension, outcome, cohort.Key);
                    was.TryGetValue(key, out var w);
                    now.TryGetValue(key, out var n);
                    if (w is null && n is null)
                    {
                        continue;
                    }

                    cohorts.Add(Change(dimension, outcome, cohort, w, n));
                }
            }
        }

        var rows = cohorts.DrainToImmutable();
        return new FairnessComparison(before, after, rows, FairnessDifferenceWords.Of(before, after, rows, options));
    }

    /// <summary>The section a simulation report holds: every row, counts and words, with the options they were computed with.</summary>
    public FairnessDifference ToDifference(FairnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inBefore = Before?.Outcomes.Select(o => o.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var inAfter = After.Outcomes.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var outcomes = After.Outcomes.Concat(Before?.Outcomes ?? []).DistinctBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => new ComparedOutcome(o.Id, o.Label, o.LabelZh, inBefore.Contains(o.Id), inAfter.Contains(o.Id)));
        return new FairnessDifference(
            Before?.PolicyVersion,
            After.PolicyVersion,
            options.Seed,
            options.Replicates,
            options.Confidence,
            options.MinCohort,
            Before?.Assessed,
            After.Assessed,
            Before?.Findings.Length ?? 0,
            After.Findings.Length,
            Cohorts.Count(c => c.Disparity == CohortChange.Introduced),
            Cohorts.Count(c => c.Disparity == CohortChange.Removed),
            Cohorts.Count(c => c.Disparity == CohortChange.Kept),
            [.. outcomes],
            Cohorts,
            Words);
    }

    private static CohortChange Change(string dimension, string outcome, Cohort cohort, CohortRate? was, CohortRate? now)
    {
        var before = was is null ? null : CohortSide.Of(was);
        var after = now is null ? null : CohortSide.Of(now);
        var flaggedBefore = was is { Flags.IsDefaultOrEmpty: false };
        var flaggedAfter = now is { Flags.IsDefaultOrEmpty: false };
        var disparity = (flaggedBefore, flaggedAfter) switch
        {
            (false, true) => CohortChange.Introduced,
            (true, false) => CohortChange.Removed,
            (true, true) => CohortChange.Kept,
            _ => CohortChange.None,
        };

        // The types that carry a disparity: the draft's for one it introduces or keeps, the baseline's for one it removes.
        var carrying = flaggedAfter ? now : flaggedBefore ? was : null;
        ImmutableArray<RecordTypePresence> carriers = carrying is null ? [] : [.. carrying.RecordTypes.Where(p => p.Carried > 0).Take(MaxCarriers).Select(Rounded)];
        double? change = before?.Rate is { } r0 && after?.Rate is { } r1 ? Math.Round(r1 - r0, 6) : null;
        return new CohortChange(dimension, outcome, cohort, before, after, change, disparity, carriers);
    }

    private static RecordTypePresence Rounded(RecordTypePresence p) => p with
    {
        ShareOfAffected = Math.Round(p.ShareOfAffected, 6),
        RateInCohort = Math.Round(p.RateInCohort, 6),
        RateInReference = Math.Round(p.RateInReference, 6),
        Carried = Math.Round(p.Carried, 6),
    };

    private static List<string> OutcomeIds(FairnessSection? before, FairnessSection after) =>
        [.. after.Outcomes.Select(o => o.Id).Concat(before?.Outcomes.Select(o => o.Id) ?? []).Distinct(StringComparer.Ordinal)];

    private static ImmutableArray<Cohort> Order(FairnessSection? section, string dimension) =>
        section?.Dimensions.FirstOrDefault(d => d.Dimension == dimension)?.Cohorts ?? [];

    private static Dictionary<(string, string, string), CohortRate> Rows(FairnessSection? s) =>
        s is null ? [] : s.Dimensions.SelectMany(d => d.Outcomes.SelectMany(o => o.Cohorts.Select(c => (Key: (d.Dimension, o.Outcome, c.Cohort.Key), Row: c))))
            .ToDictionary(x => x.Key, x => x.Row);
}
