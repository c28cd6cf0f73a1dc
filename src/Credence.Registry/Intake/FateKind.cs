namespace Credence.Registry.Intake;

/// <summary>What became of one submitted line.</summary>
public enum FateKind
{
    /// <summary>Stored as a new record version.</summary>
    Accepted = 1,

    /// <summary>The same version with the same payload was stored before: nothing changed.</summary>
    Duplicate = 2,

    /// <summary>Refused, with the problem: nothing of it was stored.</summary>
    Rejected = 3,
}
