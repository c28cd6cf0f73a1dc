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
    public static CaseFlags Flags(IRegistryReader reader, SubjectId subject)
    {
        var disputes = reader.SubjectDisputes(subject.Value);
        var repairs = reader.GrantedRepairs(subject.Value);
        if (disputes.Count == 0 && repairs.Count == 0)
        {
            return CaseFlags.None;
        }

        var core = disputes.Select(d => d.ToDispute(subject)).ToList();
        return new CaseFlags(
            [.. Dispute.Flags(core).GroupBy(f => f.Record).Select(g => g.MinBy(f => f.OpenedAt)!)],
            [.. core.Where(d => d.IsOpen).Select(d => d.DueAt)],
            [.. repairs.GroupBy(r => r.Record).Select(g => g.MinBy(r => r.EffectiveAt)!)]);
    }

    /// <summary>The file from records already read and the subject's flags.</summary>
    public static SubjectFile Create(SubjectId subject, IReadOnlyList<Record> records, CaseFlags flags) =>
        flags.IsEmpty ? SubjectFile.Create(subject, records) : SubjectFile.Create(subject, records, flags.Disputes, flags.Repairs);

    /// <summary>Reads and builds a subject's file.</summary>
    public static SubjectFile Load(IRegistryReader reader, SubjectId subject) =>
        Create(subject, reader.SubjectRecords(subject), Flags(reader, subject));

    /// <summary>The Core disputes of a subject (all of them).</summary>
    public static ImmutableArray<Dispute> Disputes(IRegistryReader reader, SubjectId subject) =>
        [.. reader.SubjectDisputes(subject.Value).Select(d => d.ToDispute(subject))];
}
