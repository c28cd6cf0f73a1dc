namespace Credence.Core.Scoring;

/// <summary>Whether a subject was scored, and if not, why.</summary>
public enum ScoreStatus : byte
{
    /// <summary>Scored: score and grade are set.</summary>
    Scored = 1,

    /// <summary>The policy requires consent and the subject has not given it: no score, no rewards; listings on legal decisions still apply.</summary>
    NoConsent = 2,

    /// <summary>A person younger than the policy's minimum age: neither scored nor listed.</summary>
    UnderAge = 3,

    /// <summary>The subject's kind is not the kind the policy covers.</summary>
    NotCovered = 4,
}
