namespace Credence.Core.DueProcess;

/// <summary>What happens at a time-driven transition.</summary>
public enum TransitionKind
{
    /// <summary>A listing ends by itself (its term or its records' effect ends).</summary>
    ListingEnds = 1,

    /// <summary>A negative record's effect (its publication period) ends.</summary>
    EffectEnds = 2,

    /// <summary>An open dispute reaches its deadline and is resolved for the subject.</summary>
    DisputeDue = 3,

    /// <summary>A record's minimum period is served: a repair can be granted from now if the obligation is fulfilled.</summary>
    RepairOpens = 4,

    /// <summary>A listing or a record's effect ends in <see cref="Transitions.NoticeDays"/> days: the subject is told in advance.</summary>
    ExpiryApproaching = 5,
}
