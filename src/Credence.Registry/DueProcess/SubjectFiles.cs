using System.Collections.Immutable;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Storage;

namespace Credence.Registry.DueProcess;

/// <summary>
/// The one way a subject's file is built from the store: its record versions with the flags of its
/// disputes (as <see cref="Dispute.Flags"/> says) and its granted repairs. Scoring, subject files,
/// decisions, repairs and the scheduler all call this, so what counts can never differ between them.
/// </summary>
/// <remarks>
/// Implementation note: for the many subjects with no dispute and no repair, the flags cost two
/// probes of an index that return nothing, and the file is built exactly as before. Two disputes or
/// repairs of one record (a repair granted on appeal after another was granted) keep the earliest,
/// which is what the engine would take.
/// </remarks>
internal static class SubjectFiles
{
    /// <summary>Reads a subject's due-process flags.</summary>
    public static CaseFlags Flags(IRegistryReader reader, SubjectId subject) =>
        Flags(subject, reader.SubjectDisputes(subject.Value), reader.GrantedRepairs(subject.Value));

    /// <summary>A subject's due-process flags from its disputes and granted repairs already read.</summary>
    public static CaseFlags Flags(SubjectId subject, IReadOnlyList<StoredDispute> disputes, IReadOnlyList<RecordRepair> repairs)
    {
        if (disputes.Count == 0 && repairs.Count == 0)
        {
            return CaseFlags.None;
        }

        return Of([.. disputes.Select(d => d.ToDispute(subject))], repairs);
    }

    /// <summary>
    /// A subject's flags as they stood at <paramref name="at"/>: the disputes opened by then, each in
    /// the state it had then (<see cref="Dispute.AsOf"/>), and the repairs in effect by then. Equal to
    /// <see cref="Flags(IRegistryReader, SubjectId)"/> at any instant after the last case event.
    /// </summary>
    public static CaseFlags FlagsAt(SubjectId subject, IReadOnlyList<StoredDispute> disputes, IReadOnlyList<RepairApplication> repairs, DateTimeOffset at)
    {
        var core = CaseFile.DisputesAt(disputes.Select(d => d.ToDispute(subject)), at);
        var granted = CaseFile.RepairsAt(Granted(repairs), at);
        return core.IsEmpty && granted.IsEmpty ? CaseFlags.None : new(CaseFile.FlagsAt(core, at), [.. core.Where(d => d.IsOpen).Select(d => d.DueAt)], granted);
    }

    /// <summary>
    /// The file as it stood at <paramref name="at"/>, from stored rows: Core's <see cref="CaseFile.At"/>,
    /// the function <c>credence score --disclosure</c> applies to the same facts in a disclosure.
    /// </summary>
    public static SubjectFile At(SubjectId subject, IReadOnlyList<Record> records, IReadOnlyList<StoredDispute> disputes, IReadOnlyList<RepairApplication> repairs, DateTimeOffset at) =>
        CaseFile.At(subject, records, disputes.Select(d => d.ToDispute(subject)), Granted(repairs), at);

    private static IEnumerable<RecordRepair> Granted(IReadOnlyList<RepairApplication> repairs) => repairs.Select(r => r.Repair).OfType<RecordRepair>();

    private static CaseFlags Of(List<Dispute> disputes, IEnumerable<RecordRepair> repairs) =>
        new(
            [.. Dispute.Flags(disputes).GroupBy(f => f.Record).Select(g => g.MinBy(f => f.OpenedAt)!)],
            [.. disputes.Where(d => d.IsOpen).Select(d => d.DueAt)],
            [.. repairs.GroupBy(r => r.Record).Select(g => g.MinBy(r => r.EffectiveAt)!)]);

    /// <summary>The file from records already read and the subject's flags.</summary>
    public static SubjectFile Create(SubjectId subject, IReadOnlyList<Record> records, CaseFlags flags) =>
        flags.IsEmpty ? SubjectFile.Create(subject, records) : SubjectFile.Create(subject, records, flags.Disputes, flags.Repairs);

    /// <summary>Reads and builds a subject's file.</summary>
    public static SubjectFile Load(IRegistryReader reader, SubjectId subject)
    {
        var rows = reader.SubjectCase(subject);
        return Create(subject, rows.Records, Flags(subject, rows.Disputes, rows.Repairs));
    }

    /// <summary>
    /// Reads and builds a subject's file as a reader sees it at <paramref name="asOf"/>: a dispute
    /// still open at its deadline is taken as resolved for the subject, with the removal the
    /// scheduler will store, whether or not the scheduler has run yet.
    /// </summary>
    /// <remarks>
    /// Implementation note: the scheduler acts at the deadline's instant, but a decision or a file
    /// read may come a moment before it has, and a deadline must not depend on a timer: so reads
    /// apply the overdue resolution themselves, exactly as <see cref="Dispute.RemovalVersion"/>
    /// will write it (at the deadline, as a withdrawal). Writers use <see cref="Load(IRegistryReader, SubjectId)"/>
    /// and store the resolution.
    /// </remarks>
    public static SubjectFile LoadAsOf(IRegistryReader reader, SubjectId subject, DateTimeOffset asOf) =>
        LoadHeld(reader, subject, asOf).File;

    /// <summary>
    /// <see cref="LoadAsOf"/>, with the first deadline of a dispute still open in the stored rows: the file
    /// read is the same at every instant before it (what lets a holder keep it, <see cref="Decisions.HeldFile"/>).
    /// </summary>
    public static (SubjectFile File, DateTimeOffset? FirstOpenDeadline) LoadHeld(IRegistryReader reader, SubjectId subject, DateTimeOffset asOf)
    {
        var rows = reader.SubjectCase(subject);
        var flags = Flags(subject, rows.Disputes, rows.Repairs);
        DateTimeOffset? first = flags.OpenDeadlines.IsDefaultOrEmpty ? null : flags.OpenDeadlines.Min();
        if (!flags.OpenDeadlines.Any(due => due <= asOf))
        {
            return (Create(subject, rows.Records, flags), first);
        }

        return (At(subject, rows.Records, rows.Disputes, reader.SubjectRepairs(subject.Value), asOf), first);
    }

    /// <summary>The Core disputes of a subject (all of them).</summary>
    public static ImmutableArray<Dispute> Disputes(IRegistryReader reader, SubjectId subject) =>
        [.. reader.SubjectDisputes(subject.Value).Select(d => d.ToDispute(subject))];
}
