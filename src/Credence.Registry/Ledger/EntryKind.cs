namespace Credence.Registry.Ledger;

/// <summary>What a ledger entry covers; the byte value is part of the canonical entry and never changes.</summary>
public enum EntryKind : byte
{
    /// <summary>A stored record version (a row of <c>records</c>).</summary>
    RecordVersion = 1,

    /// <summary>A decision given to a relying party (a row of <c>decisions</c>).</summary>
    Decision = 2,

    /// <summary>
    /// An access event (a row of <c>access_log</c>): reads of a subject's file, policy uploads and
    /// activations, keys created and revoked, refusals, and every later administrative step.
    /// </summary>
    AccessEvent = 3,

    /// <summary>
    /// A step of a dispute, repair application or appeal (a row of <c>case_steps</c>): opened,
    /// answered, resolved for the subject, granted, refused, filed, decided.
    /// </summary>
    CaseStep = 4,
}
