using System.Collections.Immutable;
using Credence.Core.Records;

namespace Credence.Core.DueProcess;

/// <summary>
/// Whether a negative record may be repaired at <see cref="At"/>, and if not, every unmet criterion
/// (<c>minimum-period-not-served</c> with the date it is served, <c>obligation-not-fulfilled</c>,
/// <c>not-repairable</c>, <c>not-negative</c>, <c>not-counting</c>, <c>unknown-record</c>).
/// </summary>
/// <param name="PolicyVersion">The policy whose repair rules decided.</param>
/// <param name="OpensAt">When the minimum period is served, where the rules cover the record.</param>
/// <param name="NeedsOneOf">Record types that show the obligation fulfilled.</param>
/// <param name="FulfilledBy">The record that shows it, if one exists.</param>
public sealed record RepairAssessment(
    RecordKey Record,
    string? Type,
    DateTimeOffset At,
    string PolicyVersion,
    DateTimeOffset? OpensAt,
    ImmutableArray<string> NeedsOneOf,
    RecordKey? FulfilledBy,
    ImmutableArray<Refusal> Unmet)
{
    /// <summary>True when every criterion is met: the repair is granted at once.</summary>
    public bool Eligible => Unmet.IsEmpty;

    /// <summary>The granted repair, for the subject's file; null when not eligible.</summary>
    public RecordRepair? Repair => Eligible ? new RecordRepair(Record, At) : null;
}
