using System.Collections.Immutable;
using Credence.Core.Records;

namespace Credence.Registry.DueProcess;

/// <summary>
/// What due process adds to a subject's file for scoring: the flags of its disputes (open, or
/// resolved for the subject), the deadlines of the open ones (review times), and its granted repairs.
/// </summary>
public sealed record CaseFlags(ImmutableArray<RecordDispute> Disputes, ImmutableArray<DateTimeOffset> OpenDeadlines, ImmutableArray<RecordRepair> Repairs)
{
    public static CaseFlags None { get; } = new([], [], []);

    public bool IsEmpty => Disputes.IsEmpty && Repairs.IsEmpty;
}
