namespace Credence.Core.Fairness;

/// <summary>The kinds of adverse outcome the fairness report measures.</summary>
public enum AdverseOutcomeKind
{
    /// <summary>On a blacklist.</summary>
    Listed = 1,

    /// <summary>Not on a redlist: a favour not received, like a benefit not granted.</summary>
    NotOnRedlist = 2,

    /// <summary>A restricting measure is triggered: an entitlement withheld.</summary>
    Restricted = 3,

    /// <summary>A granting measure is not triggered: its benefit is not granted.</summary>
    BenefitNotGranted = 4,

    /// <summary>A grade at or below the chosen one (only for graded subjects).</summary>
    GradeAtOrBelow = 5,
}
