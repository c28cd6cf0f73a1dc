using Credence.Core.Explanations;
using Credence.Core.Fairness;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Credence.Core.Tests.Fairness.Population;

namespace Credence.Core.Tests.Fairness;

/// <summary>Properties of the fairness kernel over generated populations.</summary>
public class FairnessKernelProperties
{
    /// <summary>Cohorts of 1 to 400 persons in up to five regions, each with its own count listed.</summary>
    private static IEnumerable<SubjectOutcome> Generated((int Size, int Listed)[] spec) =>
        spec.Take(5).SelectMany((s, region) =>
        {
            var size = 1 + (Math.Abs(s.Size) % 400);
            return Population.Cohort(region, size, Math.Abs(s.Listed) % (size + 1), offset: region * 1000);
        });

    [Property(MaxTest = 60)]
    public bool Rates_and_intervals_lie_in_zero_to_one_and_each_interval_holds_its_estimate((int, int)[] spec)
    {
        var section = Section(Generated(spec), minCohort: 20, replicates: 200);
        return section.Dimensions.SelectMany(d => d.Outcomes).SelectMany(o => o.Cohorts).Where(c => c.Rate is not null).All(c =>
            c.Rate is >= 0 and <= 1 && c.RateLow >= 0 && c.RateHigh <= 1
            && c.RateLow <= c.Rate + 1e-12 && c.Rate <= c.RateHigh + 1e-12
            && (c.ImpactRatio is null || c.ImpactLow is null || (c.ImpactLow <= c.ImpactRatio + 1e-12 && (c.ImpactHigh is null || c.ImpactRatio <= c.ImpactHigh + 1e-12))));
    }

    [Property(MaxTest = 60)]
    public bool The_most_favoured_cohort_has_ratio_one_and_the_lowest_rate_of_the_cohorts_judged((int, int)[] spec)
    {
        var section = Section(Generated(spec), minCohort: 20, replicates: 100);
        foreach (var outcome in section.Dimensions.SelectMany(d => d.Outcomes))
        {
            var reference = outcome.Cohorts.Where(c => c.Reference).ToList();
            if (outcome.Reference is null)
            {
                if (reference.Count != 0)
                {
                    return false;
                }

                continue;
            }

            if (reference.Count != 1 || reference[0].Cohort.Key != outcome.Reference || reference[0].ImpactRatio != 1.0 || reference[0].ImpactLow != 1.0 || reference[0].ImpactHigh != 1.0
                || (reference[0].Rate > 0 && reference[0].AdverseRatio != 1.0) || !reference[0].Flags.IsEmpty)
            {
                return false;
            }

            var judged = outcome.Cohorts.Where(c => c.Cohort.Known && c.Rate is not null && (outcome.ReferenceSmall || !c.Small));
            if (judged.Any(c => c.Rate < reference[0].Rate))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 25)]
    public bool The_same_seed_gives_the_same_report_digit_for_digit((int, int)[] spec, ulong seed)
    {
        var outcomes = Generated(spec).ToList();
        var first = Section(outcomes, seed: seed, replicates: 150);
        var again = Section(outcomes.AsEnumerable().Reverse(), seed: seed, replicates: 150);
        return Json(first) == Json(again);
    }

    [Property(MaxTest = 40)]
    public bool Small_cohorts_are_shown_and_marked_and_never_flagged((int, int)[] spec, PositiveInt min)
    {
        var minimum = 1 + (min.Get % 300);
        var outcomes = Generated(spec).ToList();
        var section = Section(outcomes, minCohort: minimum, replicates: 100);
        var regions = section.Dimensions.Single(d => d.Dimension == CohortDimensions.Region);
        return regions.Sizes.Sum() == outcomes.Count
            && section.Dimensions.SelectMany(d => d.Outcomes).SelectMany(o => o.Cohorts).All(c => c.Small == (c.Applicable < minimum) && (!c.Small || c.Flags.IsEmpty))
            && section.Findings.All(f => f.Applicable >= minimum);
    }

    [Property(MaxTest = 40)]
    public Property A_planted_disparity_is_flagged_and_an_equal_one_is_not()
    {
        var gen = from size in Gen.Choose(150, 600)
                  from low in Gen.Choose(0, 10)
                  from high in Gen.Choose(45, 90)
                  select (size, low, high);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (size, low, high) = t;
            var favoured = Population.Cohort(0, size, size * low / 100, offset: 0);
            var disfavoured = Population.Cohort(1, size, size * high / 100, offset: 5000);
            var planted = Section(favoured.Concat(disfavoured), minCohort: 100, replicates: 200);
            var listed = Disparity(planted, CohortDimensions.Region, "listed:court-defaulters");
            var flagged = listed.Cohorts.Single(c => c.Cohort.Key == "11");
            var finding = planted.Findings.Single(f => f.Dimension == CohortDimensions.Region && f.Outcome.Id == "listed:court-defaulters");

            var same = Section(Population.Cohort(0, size, size * high / 100).Concat(Population.Cohort(1, size, size * high / 100, offset: 5000)), minCohort: 100, replicates: 200);
            return listed.Reference == "37"
                && flagged.Flags.Contains(DisparityFlag.FourFifths) && finding.Cohort.Key == "11" && finding.Reference.Key == "37"
                && finding.Carriers.Any(c => c.Type == "judgment-defaulter" && c.Carried > 0)
                && !same.Findings.Any(f => f.Dimension == CohortDimensions.Region)
                && Disparity(same, CohortDimensions.Region, "listed:court-defaulters").Cohorts.All(c => c.ImpactRatio == 1.0);
        });
    }
}
