using Credence.Core.DueProcess;
using Credence.Core.Records;

namespace Credence.Registry.DueProcess;

/// <summary>
/// A subject's application to end a negative record's effect early, as decided at once by the
/// policy's repair rules (<see cref="Assessment"/>), and granted either then or later on appeal.
/// </summary>
/// <param name="EffectiveAt">When the record's effect ends: the application instant when eligible, the reviewer's decision when granted on appeal; null while refused.</param>
public sealed record RepairApplication(string Id, string Subject, DateTimeOffset AppliedAt, RepairAssessment Assessment, DateTimeOffset? EffectiveAt)
{
    public RecordKey Record => Assessment.Record;

    public bool Granted => EffectiveAt is not null;

    /// <summary>The repair as the subject's file holds it, once granted.</summary>
    public RecordRepair? Repair => EffectiveAt is { } at ? new RecordRepair(Record, at) : null;
}
