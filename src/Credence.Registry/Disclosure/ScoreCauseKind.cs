namespace Credence.Registry.Disclosure;

/// <summary>What kind of change a step of the score history followed.</summary>
public enum ScoreCauseKind
{
    /// <summary>A source reported a version of a record (new, corrected or withdrawn).</summary>
    RecordReported = 1,

    ConsentGiven = 2,

    ConsentWithdrawn = 3,

    DisputeOpened = 4,

    /// <summary>A dispute reached its deadline (unanswered, it is resolved for the subject there).</summary>
    DisputeDeadline = 5,

    DisputeClosed = 6,

    RepairEffective = 7,

    PolicyInForce = 8,

    /// <summary>Time alone: a record's effect, a list's term or a "no negative record within" window ended.</summary>
    EffectEnded = 9,
}
