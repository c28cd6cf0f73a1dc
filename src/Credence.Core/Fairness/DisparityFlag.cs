namespace Credence.Core.Fairness;

/// <summary>Why a cohort's rate of an adverse outcome is flagged.</summary>
public enum DisparityFlag
{
    /// <summary>
    /// The four-fifths rule: the cohort's favourable-outcome rate (one minus its adverse rate) is below
    /// 0.8 times the most favoured cohort's.
    /// </summary>
    FourFifths = 1,

    /// <summary>
    /// The cohort's adverse rate is more than 1.25 times the most favoured cohort's (the upper end of the
    /// 0.8–1.25 band, applied to the adverse rate), and its whole interval lies above the reference's
    /// rate. Catches a rare adverse outcome that the four-fifths rule cannot see: 3 % against 1 % is a
    /// favourable-rate ratio of 0.98.
    /// </summary>
    AdverseBand = 2,
}
