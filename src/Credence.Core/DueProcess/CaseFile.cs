using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Core.DueProcess;

/// <summary>
/// A subject's file as it stood at an instant, built from its record versions and its due process:
/// the versions reported by then, each dispute in the state it had then (<see cref="Dispute.AsOf"/>,
/// flagged as <see cref="Dispute.Flags"/> says), the repairs in effect by then, and for a dispute
/// left unanswered at its deadline the removal the scheduler writes (<see cref="Dispute.RemovalVersion"/>)
/// when the versions do not already hold it.
/// </summary>
/// <remarks>
/// Implementation note: this is the one place the past of a file is read from its facts. The
/// registry builds every file through it (decisions, subject files, the disclosure and its score
/// history), and <c>credence score --disclosure</c> builds the subject's file from its disclosure
/// through it, so a subject reproduces its own outcomes with the very rules the registry applied.
/// Two flags or repairs of one record keep the earliest, which is what the engine would take.
/// </remarks>
public static class CaseFile
{
    /// <summary>The disputes as they stood at <paramref name="at"/> (those opened by then).</summary>
    public static ImmutableArray<Dispute> DisputesAt(IEnumerable<Dispute> disputes, DateTimeOffset at) =>
        [.. disputes.Select(d => d.AsOf(at)).OfType<Dispute>()];

    /// <summary>The dispute flags at <paramref name="at"/>, one per record (the earliest).</summary>
    public static ImmutableArray<RecordDispute> FlagsAt(IEnumerable<Dispute> disputes, DateTimeOffset at) => Flags(DisputesAt(disputes, at));

    /// <summary>The repairs in effect at <paramref name="at"/>, one per record (the earliest).</summary>
    public static ImmutableArray<RecordRepair> RepairsAt(IEnumerable<RecordRepair> repairs, DateTimeOffset at) =>
        [.. repairs.Where(r => r.EffectiveAt <= at).GroupBy(r => r.Record).Select(g => g.MinBy(r => r.EffectiveAt)!)];

    /// <summary>The file of <paramref name="subject"/> as it stood at <paramref name="at"/>.</summary>
    /// <exception cref="ForeignRecordException">A version is about another subject.</exception>
    /// <exception cref="ArgumentException">A version chain is broken, or a dispute or repair names a record the file lacks.</exception>
    public static SubjectFile At(SubjectId subject, IEnumerable<Record> versions, IEnumerable<Dispute> disputes, IEnumerable<RecordRepair> repairs, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var known = versions.Where(v => v.ReportedAt <= at).ToList();
        var then = DisputesAt(disputes, at);
        foreach (var overdue in then.Where(d => d.State == DisputeState.ResolvedForSubject))
        {
            var latest = known.Where(r => r.Key == overdue.Record).MaxBy(r => r.Version);
            if (latest is not null && latest.Action != RecordAction.Withdrawn)
            {
                known.Add(overdue.RemovalVersion(latest));
            }
        }

        var flags = Flags(then);
        var granted = RepairsAt(repairs, at);
        return flags.IsEmpty && granted.IsEmpty ? SubjectFile.Create(subject, known) : SubjectFile.Create(subject, known, flags, granted);
    }

    private static ImmutableArray<RecordDispute> Flags(ImmutableArray<Dispute> then) =>
        [.. Dispute.Flags(then).GroupBy(f => f.Record).Select(g => g.MinBy(f => f.OpenedAt)!)];
}
