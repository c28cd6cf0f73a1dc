namespace Credence.Core.Fairness;

/// <summary>How a fairness report is computed; every value is printed in the report.</summary>
/// <param name="AsOf">The instant the outcomes are of, and at which ages are counted.</param>
/// <param name="Seed">The bootstrap's seed: the same seed and outcomes give the same report, digit for digit.</param>
/// <param name="MinCohort">Cohorts with fewer subjects (to whom the outcome applies) are shown and marked small, never flagged and never the reference.</param>
/// <param name="Replicates">Bootstrap replicates per cohort and outcome.</param>
/// <param name="Confidence">The intervals' confidence level (percentile intervals).</param>
public sealed record FairnessOptions(DateTimeOffset AsOf, ulong Seed = FairnessOptions.DefaultSeed, int MinCohort = FairnessOptions.DefaultMinCohort, int Replicates = FairnessOptions.DefaultReplicates, double Confidence = 0.95)
{
    /// <summary>The default seed (any fixed number would do; this one is printed with every report).</summary>
    public const ulong DefaultSeed = 20261206;

    /// <summary>
    /// The default smallest cohort judged: 100 subjects. Implementation note: below that a single
    /// subject moves a rate by a percentage point or more, and a four-fifths verdict on a handful of
    /// people is noise; the cohort is still shown, with its counts and interval, and marked small.
    /// </summary>
    public const int DefaultMinCohort = 100;

    /// <summary>The default number of bootstrap replicates.</summary>
    public const int DefaultReplicates = 1000;

    /// <summary>The four-fifths rule: a favourable-outcome rate below this fraction of the most favoured cohort's is flagged.</summary>
    public const double FourFifths = 0.8;

    /// <summary>The upper end of the 0.8–1.25 disparity band, applied to adverse rates.</summary>
    public const double AdverseBand = 1.25;

    /// <summary>Throws when a value is out of its range.</summary>
    public FairnessOptions Checked()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MinCohort);
        ArgumentOutOfRangeException.ThrowIfLessThan(Replicates, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Replicates, 100_000);
        if (!(Confidence > 0 && Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "a confidence level is between 0 and 1");
        }

        return this;
    }
}
