using System.Collections.Immutable;

namespace Credence.Core.Fairness;

/// <summary>
/// One cohort's rate of one adverse outcome under one of the two policies a simulation compares, as
/// its report writes it: a <see cref="CohortRate"/> without its record types, flags as words, every
/// share rounded to six places (the report's canonical JSON holds no longer number).
/// </summary>
/// <param name="Subjects">Subjects of the cohort in the population under this policy.</param>
/// <param name="Applicable">Of them, those the outcome applies to: the rate's denominator.</param>
/// <param name="Adverse">Of them, those with the adverse outcome.</param>
/// <param name="Rate">Adverse / applicable; null when no one.</param>
/// <param name="RateLow">The rate's bootstrap interval, low end.</param>
/// <param name="RateHigh">The rate's bootstrap interval, high end.</param>
/// <param name="ImpactRatio">(1 − rate) / (1 − the most favoured cohort's rate): the four-fifths rule's ratio.</param>
/// <param name="ImpactLow">The impact ratio's bootstrap interval, low end.</param>
/// <param name="ImpactHigh">The impact ratio's bootstrap interval, high end; null when unbounded.</param>
/// <param name="AdverseRatio">Rate / the most favoured cohort's rate; null when unbounded.</param>
/// <param name="Reference">True for the most favoured cohort under this policy.</param>
/// <param name="Small">Fewer applicable subjects than the minimum cohort: shown and marked, never flagged.</param>
/// <param name="Flags"><c>four-fifths</c> and <c>adverse-band</c>, as raised.</param>
public sealed record CohortSide(
    int Subjects,
    int Applicable,
    int Adverse,
    double? Rate,
    double? RateLow,
    double? RateHigh,
    double? ImpactRatio,
    double? ImpactLow,
    double? ImpactHigh,
    double? AdverseRatio,
    bool Reference,
    bool Small,
    ImmutableArray<string> Flags)
{
    /// <summary>The flag's word in a report.</summary>
    public static string Word(DisparityFlag flag) => flag switch
    {
        DisparityFlag.FourFifths => "four-fifths",
        DisparityFlag.AdverseBand => "adverse-band",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "unknown flag"),
    };

    /// <summary>The side of <paramref name="row"/>, rounded.</summary>
    public static CohortSide Of(CohortRate row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new CohortSide(
            row.Subjects, row.Applicable, row.Adverse, Round(row.Rate), Round(row.RateLow), Round(row.RateHigh),
            Round(row.ImpactRatio), Round(row.ImpactLow), Round(row.ImpactHigh), Round(row.AdverseRatio),
            row.Reference, row.Small, [.. row.Flags.Select(Word)]);
    }

    /// <summary>A share as the report writes it: six places.</summary>
    internal static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}
